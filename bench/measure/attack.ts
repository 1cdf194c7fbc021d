import autocannon from "autocannon";
import { setTimeout as sleep } from "node:timers/promises";
import { ARTICLE_PATH, ATTACK_CLIENTS, SEED_PASSWORD, type Plan } from "../harness/config";
import { load, type LoadResult } from "../harness/load";
import { cpuSeconds } from "../harness/processes";
import { fmt, throughputText, type Metric } from "../harness/metric";
import type { Seeded } from "../harness/seed";
import type { Server } from "../harness/servers";
import { clientAddress, csrf, signInBody, timedSignIn } from "../harness/session";
import { mean, ratio, summarize, type Summary } from "../harness/stats";

/** 20 clients failing sign-ins back to back, each from its own address, until stopped. */
async function startAttack(app: Server, emails: string[]) {
  const { token, cookie } = await csrf(app.origin);
  let n = 0;
  let clients = 0;
  let attempts = 0;
  const instance = autocannon({
    url: `${app.origin}/api/auth/callback/credentials`,
    connections: ATTACK_CLIENTS,
    duration: 3_600,
    timeout: 30,
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          body: signInBody(token, emails[n++ % emails.length]!, "not-the-password-1", app.origin),
        }),
      },
    ],
    setupClient: (client) =>
      client.setHeaders({
        cookie,
        "content-type": "application/x-www-form-urlencoded",
        "x-forwarded-for": clientAddress(clients++),
      }),
  });
  instance.on("response", () => attempts++);
  await new Promise((r) => setTimeout(r, 500));
  return {
    attempts: () => attempts,
    stop: async () => {
      instance.stop();
      await instance;
    },
  };
}

// A returning owner pauses between sign-ins, so their own load stays small next to the page load measured.
const OWNER_PAUSE_MS = 200;
// Failures queued before the attacker hung up are still verified; the next quiet run waits for them.
const SETTLE_MS = 2_000;

type Owner = { email: string; address: string; device: string };

/** A browser that has signed in to the account: it carries the device cookie for it from then on. */
async function knownBrowser(app: Server, email: string): Promise<Owner> {
  const address = clientAddress(ATTACK_CLIENTS);
  const { device } = await timedSignIn(app.origin, email, SEED_PASSWORD, address);
  if (!device) throw new Error("a successful sign-in set no device cookie");
  return { email, address, device };
}

/** Runs `work` while the owner signs in again and again from their known browser; their sign-in times too. */
async function withOwnerSigningIn<T>(app: Server, owner: Owner, work: Promise<T>) {
  let done = false;
  const latencies: number[] = [];
  const signIns = (async () => {
    while (!done) {
      const { ms, device } = await timedSignIn(app.origin, owner.email, SEED_PASSWORD, owner.address, owner.device);
      latencies.push(ms);
      owner.device = device ?? owner.device;
      await sleep(OWNER_PAUSE_MS);
    }
  })();
  signIns.catch(() => {}); // awaited below; this only keeps an early failure from counting as unhandled
  const cpuBefore = cpuSeconds(app.child.proc.pid);
  const result = await work.finally(() => (done = true));
  const cpu = (cpuSeconds(app.child.proc.pid) ?? Number.NaN) - (cpuBefore ?? Number.NaN);
  await signIns;
  return { result, latencies, cpu };
}

/**
 * 4. Article throughput while sign-ins keep failing, as a share of quiet throughput on the same server,
 * alternated; each quiet/attacked pair must reach the target on its own. The server runs with limits raised,
 * so every attempt costs a full Argon2 verification: the worst case, an attacker with fresh addresses.
 * Meanwhile the owner of an attacked account signs in from a browser that has signed in before, and the
 * p95 of those sign-ins is compared with the quiet runs'.
 */
export async function measureAttack(plan: Plan, app: Server, seeded: Seeded): Promise<Metric[]> {
  const url = app.origin + ARTICLE_PATH;
  const emails = [...seeded.rooms.slice(0, 50).map((r) => r.email), "nobody-here@example.test"];
  const owner = await knownBrowser(app, emails[0]!);
  const quiet: LoadResult[] = [];
  const attacked: LoadResult[] = [];
  const quietSignIns: number[] = [];
  const attackedSignIns: number[] = [];
  const rates: number[] = [];
  // The server process's own CPU time (not its verifiers'), steadier than req/s on a busy machine.
  const cpu = { quiet: 0, attacked: 0 };
  const articles = () => load({ url, connections: plan.connections, seconds: plan.seconds });
  await load({ url, connections: plan.connections, seconds: plan.warmupSeconds });
  for (let round = 0; round < plan.attackRounds; round++) {
    const calm = await withOwnerSigningIn(app, owner, articles());
    quiet.push(calm.result);
    cpu.quiet += calm.cpu;
    quietSignIns.push(...calm.latencies);
    const attack = await startAttack(app, emails);
    const before = attack.attempts();
    const started = performance.now();
    const under = await withOwnerSigningIn(app, owner, articles());
    attacked.push(under.result);
    cpu.attacked += under.cpu;
    attackedSignIns.push(...under.latencies);
    rates.push(((attack.attempts() - before) * 1000) / (performance.now() - started));
    await attack.stop();
    if (!plan.quick) await sleep(SETTLE_MS);
  }
  const summary = (runs: LoadResult[], cpuTotal: number) => {
    const latencies = summarize(runs.flatMap((r) => r.latencies));
    return {
      reqPerSec: mean(runs.map((r) => r.reqPerSec)),
      ...latencies,
      errors: runs.reduce((n, r) => n + r.errors, 0),
      cpuMs: ratio(cpuTotal * 1000, latencies.count),
    };
  };
  const q = summary(quiet, cpu.quiet);
  const a = summary(attacked, cpu.attacked);
  const shares = quiet.map((r, i) => ratio(attacked[i]!.reqPerSec, r.reqPerSec));
  const quietSignIn = summarize(quietSignIns);
  const attackedSignIn = summarize(attackedSignIns);
  const slower = ratio(attackedSignIn.p95, quietSignIn.p95);
  const spread = (s: Summary) => `p50 ${fmt.ms(s.p50)} · p95 ${fmt.ms(s.p95)} (${fmt.n(s.count)} sign-ins)`;
  return [
    {
      id: "attack.share",
      metric: `4. Article under sign-in attack (${ATTACK_CLIENTS} clients, ${fmt.n(mean(rates))} failures/s)`,
      value: a.reqPerSec,
      unit: "req/s",
      shown: throughputText(a),
      comparison: `quiet: ${throughputText(q)}; each run: ${shares.map((x) => fmt.pct(x)).join(", ")}`,
      ratio: Math.min(...shares),
      target: "every run ≥ 70% of quiet",
      met: shares.every((x) => x >= 0.7),
      detail: {
        quiet: quiet.map((r) => r.reqPerSec),
        attacked: attacked.map((r) => r.reqPerSec),
        shares,
        failuresPerSecond: rates,
      },
    },
    {
      id: "attack.signin",
      metric: "4. Owner's sign-in from a known browser, during the attack",
      value: attackedSignIn.p95,
      unit: "ms",
      shown: spread(attackedSignIn),
      comparison: `quiet: ${spread(quietSignIn)}`,
      ratio: slower,
      target: "p95 ≤ 2× quiet",
      met: slower <= 2,
      detail: { quiet: quietSignIn, attacked: attackedSignIn },
    },
  ];
}
