import autocannon from "autocannon";
import { ARTICLE_PATH, ATTACK_CLIENTS, type Plan } from "../harness/config";
import { load, type LoadResult } from "../harness/load";
import { fmt, throughputText, type Metric } from "../harness/metric";
import type { Seeded } from "../harness/seed";
import type { Server } from "../harness/servers";
import { clientAddress, csrf, signInBody } from "../harness/session";
import { mean, ratio, summarize } from "../harness/stats";

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

/**
 * 4. Article throughput while sign-ins keep failing, as a share of quiet throughput on the same server,
 * alternated. The server runs with limits raised, so every attempt costs a full Argon2 verification: the
 * worst case, an attacker with fresh addresses.
 */
export async function measureAttack(plan: Plan, app: Server, seeded: Seeded): Promise<Metric[]> {
  const url = app.origin + ARTICLE_PATH;
  const emails = [...seeded.rooms.slice(0, 50).map((r) => r.email), "nobody-here@example.test"];
  const quiet: LoadResult[] = [];
  const attacked: LoadResult[] = [];
  const rates: number[] = [];
  await load({ url, connections: plan.connections, seconds: plan.warmupSeconds });
  for (let round = 0; round < plan.rounds; round++) {
    quiet.push(await load({ url, connections: plan.connections, seconds: plan.seconds }));
    const attack = await startAttack(app, emails);
    const before = attack.attempts();
    const started = performance.now();
    attacked.push(await load({ url, connections: plan.connections, seconds: plan.seconds }));
    rates.push(((attack.attempts() - before) * 1000) / (performance.now() - started));
    await attack.stop();
  }
  const summary = (runs: LoadResult[]) => ({
    reqPerSec: mean(runs.map((r) => r.reqPerSec)),
    ...summarize(runs.flatMap((r) => r.latencies)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
  });
  const q = summary(quiet);
  const a = summary(attacked);
  const share = ratio(a.reqPerSec, q.reqPerSec);
  return [
    {
      id: "attack.share",
      metric: `4. Article under sign-in attack (${ATTACK_CLIENTS} clients, ${fmt.n(mean(rates))} failures/s)`,
      value: a.reqPerSec,
      unit: "req/s",
      shown: throughputText(a),
      comparison: `quiet: ${throughputText(q)}`,
      ratio: share,
      target: "≥ 70% of quiet",
      met: share >= 0.7,
      detail: {
        quiet: quiet.map((r) => r.reqPerSec),
        attacked: attacked.map((r) => r.reqPerSec),
        failuresPerSecond: rates,
      },
    },
  ];
}
