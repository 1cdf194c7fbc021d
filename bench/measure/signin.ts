import { SEED_PASSWORD, type Plan } from "../harness/config";
import { fmt, type Metric } from "../harness/metric";
import type { Seeded } from "../harness/seed";
import type { Server } from "../harness/servers";
import { clientAddress, timedSignIn } from "../harness/session";
import { ratio, summarize } from "../harness/stats";

/** `connections` people signing in over and over for `seconds`, each with their own account and address. */
async function signInLoad(app: Server, emails: string[], connections: number, seconds: number): Promise<number[]> {
  const until = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      for (let n = 0; performance.now() < until || n === 0; n++) {
        const email = emails[(c + n * connections) % emails.length]!;
        latencies.push((await timedSignIn(app.origin, email, SEED_PASSWORD, clientAddress(c))).ms);
      }
    }),
  );
  return latencies;
}

/**
 * 8. The latency of a correct sign-in (one Argon2 verification and a session row), alone and 8 at once, from
 * browsers without a device cookie: the low-priority lane that strangers share.
 */
export async function measureSignIn(plan: Plan, app: Server, seeded: Seeded): Promise<Metric[]> {
  const emails = seeded.rooms.slice(0, 40).map((r) => r.email);
  const one = summarize(await signInLoad(app, emails, 1, plan.seconds));
  const eight = summarize(await signInLoad(app, emails, 8, plan.seconds));
  return [
    {
      id: "signin.c8",
      metric: "8. Correct sign-in from a new browser, c=8",
      value: eight.p95,
      unit: "ms",
      shown: `p50 ${fmt.ms(eight.p50)} · p95 ${fmt.ms(eight.p95)} (${fmt.n(eight.count)} sign-ins)`,
      comparison: `c=1: p95 ${fmt.ms(one.p95)}`,
      ratio: ratio(eight.p95, one.p95),
      detail: { c1: one, c8: eight },
    },
  ];
}
