import { account, counted, newTally, type Tally } from "../harness/accounting";
import { SEED_PASSWORD, type Plan } from "../harness/config";
import { load, loadTogether } from "../harness/load";
import { fmt, type Metric } from "../harness/metric";
import { pgTarget, seedPostgres, updatesRecorded } from "../harness/postgres";
import { stop } from "../harness/processes";
import { startApp, type Server } from "../harness/servers";
import { signInMany } from "../harness/session";
import { ratio } from "../harness/stats";
import { roomForm, SETTINGS_LABELS } from "../harness/room-form";
import { measured, updateSpec, type Measured } from "./scale";

const CONNECTIONS = 16;

// The action's own success: "ok": true, "Saved." and the new history entry. A refusal, a signed-out answer
// (also a 200) or an error page is not a save.
const saved = (body: string) =>
  body.includes('"ok":true') && body.includes('"message":"Saved."') && body.includes('"entry":{');

function updateRow(id: string, metric: string, r: Measured, base?: Measured): Metric {
  return {
    id,
    metric,
    value: r.p95,
    unit: "ms (p95)",
    shown: `p95 ${fmt.ms(r.p95)} · ${fmt.n(r.reqPerSec)} req/s (p50 ${fmt.ms(r.p50)}, p99 ${fmt.ms(r.p99)}); ${fmt.n(r.errors)} errors, ${r.cpuMs.toFixed(1)} ms CPU/req`,
    comparison: base
      ? `1 process: p95 ${fmt.ms(base.p95)}, ${fmt.n(base.reqPerSec)} req/s`
      : `${fmt.n(r.count)} requests`,
    ratio: base ? ratio(r.p95, base.p95) : undefined,
    detail: {
      count: r.count,
      reqPerSec: r.reqPerSec,
      p50: r.p50,
      p95: r.p95,
      p99: r.p99,
      errors: r.errors,
      cpuMsPerRequest: r.cpuMs,
    },
  };
}

function accountingRow(emails: string[], before: Map<string, number>, after: Map<string, number>, tally: Tally) {
  const a = account(
    tally,
    emails.map((email) => after.get(email)! - before.get(email)!),
  );
  return {
    id: "pg.updates.accounted",
    metric: "11. PostgreSQL: room updates against their history entries, all runs",
    value: a.lost + a.doubled,
    unit: "count",
    shown: `lost ${fmt.n(a.lost)}, doubled ${fmt.n(a.doubled)}`,
    comparison: `${fmt.n(a.saved)} saves answered, ${fmt.n(a.entries)} entries; ${fmt.n(a.answered - a.saved)} not saved, ${fmt.n(a.sent - a.answered)} cut off at a run's end`,
    target: "0 lost, 0 doubled",
    // With no save at all there is nothing to account for, which proves nothing.
    met: a.lost === 0 && a.doubled === 0 && a.saved > 0,
    correctness: true,
    detail: { ...a, owners: emails.length },
  } satisfies Metric;
}

/**
 * 11. Room updates on PostgreSQL at concurrency 16, from one next start and then from two (8+8), on a database
 * of `plan.users` rooms; then every save answered is looked for in the room's history. On the server
 * `givenUrl` names, in a database of its own, or on a throwaway cluster.
 */
export async function measurePostgres(plan: Plan, givenUrl?: string): Promise<Metric[]> {
  const target = await pgTarget(givenUrl);
  const servers: Server[] = [];
  const stopServers = () => Promise.all(servers.map((s) => stop(s.child)));
  try {
    const seeded = await seedPostgres(target.url, plan.users);
    const rooms = fmt.n(seeded.users);
    const app = await startApp("next start (PostgreSQL)", target.url);
    servers.push(app);
    const emails = seeded.rooms.slice(0, CONNECTIONS).map((r) => r.email);
    const cookies = await signInMany(app.origin, emails, SEED_PASSWORD);
    const form = await roomForm(app.origin, cookies[0]!, SETTINGS_LABELS);
    const before = await updatesRecorded(target.url, emails);
    const tally = newTally();
    const updates = (server: Server, connections: number, seconds: number) =>
      counted(updateSpec(server, cookies, form, connections, seconds), cookies, tally, saved);

    await load(updates(app, 4, plan.warmupSeconds));
    const one = await measured([app], () => load(updates(app, CONNECTIONS, plan.roomSeconds)));
    const second = await startApp("next start #2 (PostgreSQL)", target.url);
    servers.push(second);
    await load(updates(second, 4, plan.warmupSeconds));
    const both = [app, second];
    const two = await measured(both, () =>
      loadTogether(both.map((s) => updates(s, CONNECTIONS / 2, plan.roomSeconds))),
    );
    // Counted once both servers have stopped: a request cut off at a run's end has then saved or rolled back.
    await stopServers();
    const after = await updatesRecorded(target.url, emails);
    if (before.size !== emails.length || after.size !== emails.length)
      throw new Error("the bench's owners are missing from the PostgreSQL database");
    const where = { where: target.where, seedSeconds: seeded.seconds };
    const first = updateRow("pg.update.c16", `11. PostgreSQL: room update, c=16, ${rooms} rooms`, one);
    return [
      { ...first, detail: { ...first.detail, ...where } },
      updateRow("pg.update.2p.c16", "11. PostgreSQL: room update, 2 processes, c=8+8", two, one),
      accountingRow(emails, before, after, tally),
    ];
  } finally {
    await stopServers();
    await target.close();
  }
}
