// First: it takes DATABASE_URL out of the environment before any other module reads it.
import { givenDatabaseUrl } from "./harness/database-url";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { planFor } from "./harness/config";
import { measureArticle } from "./measure/article";
import { measureAttack } from "./measure/attack";
import { measureGrowth } from "./measure/growth";
import { measureJoin } from "./measure/join";
import { measureLighthouse } from "./measure/lighthouse";
import { measureNginx } from "./measure/nginx";
import { measurePostgres } from "./measure/postgres";
import { measureScale } from "./measure/scale";
import { measureSearch } from "./measure/search";
import { measureSignIn } from "./measure/signin";
import { measureWeight } from "./measure/weight";
import { fmt, type Metric } from "./harness/metric";
import { killAllNow, stop, stopAll } from "./harness/processes";
import { incorrect, machine, missingFigures, table, writeJson } from "./harness/report";
import { seedDatabase } from "./harness/seed";
import { ensureBareApp, ensureBuilt, profileInto, startApp } from "./harness/servers";

// `npm run bench` (full, about 15 minutes on 2 cores) or `npm run bench -- --quick` (every figure, briefly);
// `-- --only=2,4` runs only those measurements, for tuning one thing at a time; `-- --profile` saves a CPU
// profile of every next start in bench/results/profiles; `-- --check` also exits non-zero when a goal is not met.
// Measurement 11 runs on the PostgreSQL server DATABASE_URL names (in a database it creates and drops), else on a
// throwaway cluster; every other measurement runs on SQLite.
const quick = process.argv.includes("--quick");
const check = process.argv.includes("--check");
const only = process.argv
  .find((a) => a.startsWith("--only="))
  ?.slice(7)
  .split(",");
const plan = planFor(quick);
const started = performance.now();
const loadAtStart = os.loadavg()[0]!;
if (process.argv.includes("--profile")) profileInto(path.join(process.cwd(), "bench", "results", "profiles"));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "roomdesk-bench-"));
const databasePath = path.join(tmp, "bench.db");

function cleanUpNow() {
  killAllNow();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.on("exit", killAllNow);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the bench's servers.`);
    cleanUpNow();
    process.exit(130);
  });
}

// A run that outlives its budget (a hung server, a parent killed without passing the signal on) stops itself.
setTimeout(
  () => {
    console.error("The bench ran past its time limit: stopping its servers.");
    cleanUpNow();
    process.exit(124);
  },
  (quick ? 420 : 1800) * 1000,
).unref();

const log = (text: string) =>
  console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)}s] ${text}`);

const GROWTH_IDS = ["growth.update", "growth.render", "growth.lookup", "growth.search", "growth.search.articles"];
const metrics: Metric[] = [];
const failures: string[] = [];
const expected: string[] = [];

/** Runs one measurement; a failure becomes rows without figures (and a non-zero exit), not a lost table. */
async function step(name: string, ids: string[], body: () => Promise<Metric[]>) {
  if (only && !only.includes(name.split(".")[0]!)) return;
  log(name);
  expected.push(...ids);
  try {
    metrics.push(...(await body()));
  } catch (error) {
    failures.push(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    for (const id of ids)
      metrics.push({
        id,
        metric: name,
        value: null,
        unit: "",
        shown: "failed",
        comparison: String(error).slice(0, 120),
      });
  }
}

async function main(): Promise<number> {
  await ensureBuilt();
  await ensureBareApp();
  log(`seeding ${fmt.n(plan.users)} users and rooms into ${databasePath}`);
  const seeded = await seedDatabase(databasePath, plan.users);
  log(`seeded in ${seeded.seconds.toFixed(1)} s; starting next start`);
  const app = await startApp("next start", databasePath);

  await step("5. page weight", ["weight.scripts", "weight.total"], () => measureWeight(app));
  await step("1. article throughput", ["article.throughput", "article.bare", "article.vs-bare"], () =>
    measureArticle(plan, app, tmp),
  );
  await step("3. search", ["search.latency"], () => measureSearch(plan, app));
  const scaleIds = [
    "scale.render.c1",
    "scale.render.c16",
    "scale.update.c1",
    "scale.update.c16",
    "scale.update.plain.c16",
    "scale.render.2p.c16",
    "scale.update.2p.c2",
    "scale.update.2p.c16",
    "scale.busy.2p",
  ];
  await step("2. scale", scaleIds, () => measureScale(plan, app, databasePath, seeded));
  await step("6. join failures", ["join.timing"], () => measureJoin(plan, app, seeded));
  await step("7. nginx", ["nginx.share", "nginx.safety"], () => measureNginx(plan, app, tmp, seeded));
  await step("8. sign-in latency", ["signin.c8"], () => measureSignIn(plan, app, seeded));
  const lighthouseIds = [
    "lighthouse.perf",
    "lighthouse.tbt",
    "lighthouse.a11y",
    "lighthouse.best-practices",
    "lighthouse.seo",
  ];
  await step("9. Lighthouse", lighthouseIds, () => measureLighthouse(plan, app));
  await stop(app.child);

  await step("10. how cost grows", [...GROWTH_IDS], () => measureGrowth(plan, tmp));
  await step("11. PostgreSQL", ["pg.update.c16", "pg.update.2p.c16", "pg.updates.accounted"], () =>
    measurePostgres(plan, givenDatabaseUrl),
  );

  // Last, on a fresh process: the attack's load and counters must not touch any other figure.
  await step("4. sign-in attack", ["attack.share", "attack.signin"], async () => {
    const target = await startApp("next start (attack)", databasePath);
    try {
      return await measureAttack(plan, target, seeded);
    } finally {
      await stop(target.child);
    }
  });

  const seconds = (performance.now() - started) / 1000;
  const loadAverage = { start: loadAtStart, end: os.loadavg()[0]! };
  const report = {
    finishedAt: new Date().toISOString(),
    mode: quick ? ("quick" as const) : ("full" as const),
    seconds,
    ...machine(),
    loadAverage,
    metrics,
  };
  // A partial run (--only) must not replace the last complete table.
  const file = writeJson(
    report,
    path.join(process.cwd(), "bench", "results", only ? "latest-only.json" : "latest.json"),
  );
  const { cores, cpu } = machine();
  console.log(
    `\nRoomdesk bench (${quick ? "quick: figures only, speed not judged" : "full"}), ${cores} cores (${cpu}), Node ${process.version}`,
  );
  const busy = Math.max(loadAverage.start, loadAverage.end) > cores ? `: above ${cores} cores, so expect noise` : "";
  console.log(`load average before/after: ${loadAverage.start.toFixed(1)} / ${loadAverage.end.toFixed(1)}${busy}\n`);
  console.log(table(metrics));
  console.log(`\n${seconds.toFixed(0)} s; figures in ${path.relative(process.cwd(), file)}`);
  for (const failure of failures) console.error(`\nFAILED ${failure}`);
  const missing = missingFigures(metrics, expected);
  if (missing.length > 0) console.error(`\nMissing figures: ${missing.join(", ")}`);
  const unmet = metrics.filter((m) => m.met === false || (m.target !== undefined && m.value === null));
  if (check && unmet.length > 0)
    console.error(`\nGoals not met (or not measured): ${unmet.map((m) => m.id).join(", ")}`);
  // A lost or doubled write is a bug, not a slow figure: it fails every run.
  const wrong = incorrect(metrics);
  if (wrong.length > 0) console.error(`\nIncorrect results: ${wrong.join(", ")}`);
  return failures.length > 0 || missing.length > 0 || wrong.length > 0 || (check && unmet.length > 0) ? 1 : 0;
}

main()
  .then(async (code) => {
    await stopAll();
    fs.rmSync(tmp, { recursive: true, force: true });
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(error);
    await stopAll();
    fs.rmSync(tmp, { recursive: true, force: true });
    process.exit(1);
  });
