import autocannon, { type Client, type Options, type Request } from "autocannon";
import { cpuSeconds } from "./processes";
import { mean, ratio, summarize } from "./stats";

export type LoadSpec = {
  url: string;
  connections: number;
  seconds?: number;
  amount?: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /**
   * Called before every request: vary path, headers or body (another session, another query). `context` is
   * the request's own until its answer (one request at a time per connection), for `answered` to read.
   */
  next?: (req: Request, context: RequestContext) => Request;
  /** Per connection: a fixed header set (one simulated client address per connection). */
  setupClient?: (client: Client) => void;
  /** A 2xx whose body fails this counts as an error too (an action that answered "ok": false). */
  verify?: (body: string) => boolean;
  /** Called for every answer: whether it counts as a success (2xx and verified), and its request's context. */
  answered?: (ok: boolean, context: RequestContext) => void;
};

export type RequestContext = Record<string, unknown>;

export type LoadResult = {
  count: number;
  seconds: number;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  /** Connection errors, timeouts, non-2xx answers and failed verifications together. */
  errors: number;
  latencies: number[];
};

/** autocannon merges options with Object.assign, so an explicit undefined would erase one of its defaults. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** One autocannon run; latencies come from every response (autocannon's own histogram has no p95). */
export async function load(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  const { next, verify, answered } = spec;
  let bad = 0;
  const request = defined({
    setupRequest: next ? (req: Request, context: RequestContext) => next(req, context) : undefined,
    onResponse:
      verify || answered
        ? (status: number, body: string, context: RequestContext) => {
            const ok = status >= 200 && status < 300 && (!verify || verify(body));
            if (verify && !ok) bad++;
            answered?.(ok, context);
          }
        : undefined,
  });
  const options: Options = defined({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    amount: spec.amount,
    timeout: 30,
    method: spec.method,
    headers: spec.headers,
    body: spec.body,
    requests: next || verify || answered ? [request] : undefined,
    setupClient: spec.setupClient,
  });
  const instance = autocannon(options);
  instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const result = await instance;
  const summary = summarize(latencies);
  return {
    count: latencies.length,
    seconds: result.duration,
    reqPerSec: ratio(latencies.length, result.duration),
    p50: summary.p50,
    p95: summary.p95,
    p99: summary.p99,
    errors: result.errors + result.timeouts + (verify ? bad : result.non2xx),
    latencies,
  };
}

/** Runs several loads at once (two servers sharing one database) and merges them into one result. */
export async function loadTogether(specs: LoadSpec[]): Promise<LoadResult> {
  const results = await Promise.all(specs.map(load));
  const latencies = results.flatMap((r) => r.latencies);
  const summary = summarize(latencies);
  const seconds = Math.max(...results.map((r) => r.seconds));
  return {
    count: latencies.length,
    seconds,
    reqPerSec: ratio(latencies.length, seconds),
    p50: summary.p50,
    p95: summary.p95,
    p99: summary.p99,
    errors: results.reduce((n, r) => n + r.errors, 0),
    latencies,
  };
}

/** `pid`: the server process, whose CPU time per request is measured too (steadier than req/s on a busy machine). */
export type Side = { name: string; url: string; pid?: number; spec?: Partial<LoadSpec> };

/**
 * Saturation throughput of several targets, alternated round by round (A B A B ...) so drift on a shared,
 * noisy machine falls on every side alike. Each target is warmed up first.
 */
export async function alternate(
  sides: Side[],
  opts: { rounds: number; seconds: number; warmupSeconds: number; connections: number },
) {
  for (const side of sides)
    await load({ url: side.url, connections: opts.connections, seconds: opts.warmupSeconds, ...side.spec });
  const runs = new Map<string, LoadResult[]>(sides.map((s) => [s.name, []]));
  const cpu = new Map<string, number>(sides.map((s) => [s.name, 0]));
  for (let round = 0; round < opts.rounds; round++) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      const before = cpuSeconds(side.pid);
      runs
        .get(side.name)!
        .push(await load({ url: side.url, connections: opts.connections, seconds: opts.seconds, ...side.spec }));
      const after = cpuSeconds(side.pid);
      cpu.set(
        side.name,
        before === undefined || after === undefined ? Number.NaN : cpu.get(side.name)! + after - before,
      );
    }
  }
  return new Map(
    [...runs].map(([name, results]) => {
      const merged = summarize(results.flatMap((r) => r.latencies));
      const reqPerSec = mean(results.map((r) => r.reqPerSec));
      const cpuMs = ratio(cpu.get(name)! * 1000, merged.count);
      const errors = results.reduce((n, r) => n + r.errors, 0);
      return [
        name,
        {
          reqPerSec,
          p50: merged.p50,
          p95: merged.p95,
          p99: merged.p99,
          errors,
          cpuMs,
          rounds: results.map((r) => r.reqPerSec),
        },
      ];
    }),
  );
}

export type Throughput = {
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  cpuMs: number;
  rounds: number[];
};
