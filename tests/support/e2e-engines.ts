import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { startCluster, type Cluster } from "./pg-server";

// `npm run test:e2e` after the build: the whole Playwright suite on SQLite, then again on a throwaway
// PostgreSQL server. E2E_ENGINES=sqlite (or postgres) runs one; arguments go to `playwright test`.
const ENGINES = ["sqlite", "postgres"] as const;
type Engine = (typeof ENGINES)[number];

const chosen = (process.env.E2E_ENGINES ?? ENGINES.join(","))
  .split(",")
  .map((e) => e.trim())
  .filter(Boolean);
const unknown = chosen.filter((e) => !ENGINES.includes(e as Engine));
if (unknown.length) {
  console.error(`E2E_ENGINES: unknown engine ${unknown.join(", ")} (use ${ENGINES.join(", ")})`);
  process.exit(2);
}

function playwright(engine: Engine, databaseUrl: string): number {
  console.log(`\nEnd-to-end tests on ${engine === "sqlite" ? "SQLite" : "PostgreSQL"}\n`);
  const run = spawnSync(path.join("node_modules", ".bin", "playwright"), ["test", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, E2E_DATABASE_URL: databaseUrl },
  });
  return run.status ?? 1;
}

/** A new cluster with an empty database for the suite; the cluster goes away with this process. */
async function postgresDatabase(): Promise<{ cluster: Cluster; url: string }> {
  const cluster = await startCluster();
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => {
      cluster.stop();
      process.exit(130);
    });
  const admin = new pg.Client(cluster.url("postgres"));
  await admin.connect();
  try {
    await admin.query("create database roomdesk_e2e");
  } finally {
    await admin.end();
  }
  return { cluster, url: cluster.url("roomdesk_e2e") };
}

const failed: Engine[] = [];
for (const engine of chosen as Engine[]) {
  if (engine === "sqlite") {
    if (playwright(engine, "") !== 0) failed.push(engine);
    continue;
  }
  const { cluster, url } = await postgresDatabase();
  try {
    if (playwright(engine, url) !== 0) failed.push(engine);
  } finally {
    cluster.stop();
  }
}
if (failed.length) console.error(`\nEnd-to-end tests failed on ${failed.join(" and ")}.`);
process.exit(failed.length ? 1 : 0);
