import type { Request } from "autocannon";
import { SEED_PASSWORD, type Plan } from "../harness/config";
import { load, loadTogether, type LoadResult, type LoadSpec } from "../harness/load";
import { fmt, type Metric } from "../harness/metric";
import type { Seeded } from "../harness/seed";
import type { PageForm } from "../harness/forms";
import { SETTINGS_LABELS, roomForm, roomSave } from "../harness/room-form";
import { passcodeNumber, signInMany } from "../harness/session";
import { startApp, type Server } from "../harness/servers";
import { cpuSeconds, stop } from "../harness/processes";
import { ratio } from "../harness/stats";

let updates = 0;

export function renderSpec(server: Server, cookies: string[], connections: number, seconds: number): LoadSpec {
  let n = 0;
  return {
    url: `${server.origin}/room`,
    connections,
    seconds,
    next: (req: Request) => ({ ...req, headers: { ...req.headers, cookie: cookies[n++ % cookies.length]! } }),
    // A redirect to /signin or an error page is not a render of the owner's room.
    verify: (body) => body.includes('data-testid="pmi"'),
  };
}

/**
 * A save of the settings form, another owner and a new passcode each time, so every request is a real write
 * with its history row; with `script` as a browser with JavaScript sends it, without as a plain form post.
 */
export function updateSpec(
  server: Server,
  cookies: string[],
  form: PageForm,
  connections: number,
  seconds: number,
  script = true,
): LoadSpec {
  let n = 0;
  const save = (passcode: string) =>
    roomSave(form, server.origin, { Passcode: passcode, "Waiting room": "on" }, script);
  const { url, headers } = save(passcodeNumber(0));
  return {
    url,
    connections,
    seconds,
    method: "POST",
    headers,
    next: (req: Request) => ({
      ...req,
      headers: { ...req.headers, cookie: cookies[n++ % cookies.length]! },
      body: save(passcodeNumber(updates++)).body,
    }),
    // Both answers carry the form's message: in the page's HTML, or in the action's result.
    verify: (body) => body.includes("Saved."),
  };
}

export type Measured = LoadResult & { busy: number; cpuMs: number };

function latencyRow(id: string, metric: string, r: Measured, base?: LoadResult, target?: number): Metric {
  const busy = r.busy;
  return {
    id,
    metric,
    value: r.p95,
    unit: "ms (p95)",
    shown: `p50 ${fmt.ms(r.p50)} · p95 ${fmt.ms(r.p95)} · p99 ${fmt.ms(r.p99)}; ${fmt.n(r.errors)} errors, ${busy} BUSY, ${r.cpuMs.toFixed(1)} ms CPU/req`,
    comparison: base ? `c=1: p95 ${fmt.ms(base.p95)}` : `${fmt.n(r.count)} requests`,
    ratio: base ? ratio(r.p95, base.p95) : undefined,
    target: target === undefined ? undefined : `p95 ≤ ${target} ms, 0 errors`,
    met: target === undefined ? undefined : r.p95 <= target && r.errors === 0,
    detail: {
      count: r.count,
      reqPerSec: r.reqPerSec,
      p50: r.p50,
      p95: r.p95,
      p99: r.p99,
      errors: r.errors,
      sqliteBusy: busy,
      cpuMsPerRequest: r.cpuMs,
    },
  };
}

/** Runs a load; counts the SQLITE_BUSY lines the servers printed meanwhile and the CPU they spent per request. */
export async function measured(servers: Server[], run: () => Promise<LoadResult>): Promise<Measured> {
  const busy = () => servers.reduce((n, s) => n + s.child.busy, 0);
  const cpu = () => servers.reduce((n, s) => n + (cpuSeconds(s.child.proc.pid) ?? Number.NaN), 0);
  const [busyBefore, cpuBefore] = [busy(), cpu()];
  const result = await run();
  return { ...result, busy: busy() - busyBefore, cpuMs: ratio((cpu() - cpuBefore) * 1000, result.count) };
}

/**
 * 2. /room render and the room-update server action through HTTP with real sessions, on a database of
 * `plan.users` rooms, at concurrency 1 and 16; then the same with two next start processes on one file.
 */
export async function measureScale(plan: Plan, app: Server, databasePath: string, seeded: Seeded): Promise<Metric[]> {
  const emails = seeded.rooms.slice(0, plan.sessions).map((r) => r.email);
  const cookies = await signInMany(app.origin, emails, SEED_PASSWORD);
  const action = await roomForm(app.origin, cookies[0]!, SETTINGS_LABELS);
  const secs = plan.roomSeconds;
  const rooms = fmt.n(seeded.users);

  await load(renderSpec(app, cookies, 4, plan.warmupSeconds));
  await load(updateSpec(app, cookies, action, 4, plan.warmupSeconds));
  const render1 = await measured([app], () => load(renderSpec(app, cookies, 1, secs)));
  const render16 = await measured([app], () => load(renderSpec(app, cookies, 16, secs)));
  const update1 = await measured([app], () => load(updateSpec(app, cookies, action, 1, secs)));
  const update16 = await measured([app], () => load(updateSpec(app, cookies, action, 16, secs)));
  const plain16 = await measured([app], () => load(updateSpec(app, cookies, action, 16, secs, false)));

  const second = await startApp("next start #2", databasePath);
  const both = [app, second];
  try {
    await load(renderSpec(second, cookies, 4, plan.warmupSeconds));
    await load(updateSpec(second, cookies, action, 4, plan.warmupSeconds));
    const render2p = await measured(both, () => loadTogether(both.map((s) => renderSpec(s, cookies, 8, secs))));
    const update2p1 = await measured(both, () =>
      loadTogether(both.map((s) => updateSpec(s, cookies, action, 1, secs))),
    );
    const update2p = await measured(both, () => loadTogether(both.map((s) => updateSpec(s, cookies, action, 8, secs))));
    const busy2p = render2p.busy + update2p1.busy + update2p.busy;
    return [
      latencyRow("scale.render.c1", `2. /room render, c=1, ${rooms} rooms`, render1),
      latencyRow("scale.render.c16", `2. /room render, c=16, ${rooms} rooms`, render16, render1),
      latencyRow("scale.update.c1", `2. Room update action, c=1, ${rooms} rooms`, update1),
      latencyRow("scale.update.c16", `2. Room update action, c=16, ${rooms} rooms`, update16, update1, 50),
      latencyRow(
        "scale.update.plain.c16",
        "2. Room update without JavaScript (page in the answer), c=16",
        plain16,
        render1,
      ),
      latencyRow("scale.render.2p.c16", "2. /room render, 2 processes, c=8+8", render2p, render1),
      latencyRow("scale.update.2p.c2", "2. Room update, 2 processes, c=1+1", update2p1, update1),
      latencyRow("scale.update.2p.c16", "2. Room update, 2 processes, c=8+8", update2p, update1, 50),
      {
        id: "scale.busy.2p",
        metric: "2. SQLITE_BUSY, 2 processes (all runs)",
        value: busy2p,
        unit: "count",
        comparison: `1 process: ${render1.busy + render16.busy + update1.busy + update16.busy + plain16.busy}`,
        target: "0",
        met: busy2p === 0,
      },
    ];
  } finally {
    await stop(second.child);
  }
}
