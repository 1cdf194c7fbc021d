/** One row of the table and of latest.json. `value: null` with `skipped` says why a figure is absent. */
export type Metric = {
  id: string;
  metric: string;
  value: number | null;
  unit: string;
  /** What the value reads like in the table ("1,234 req/s, p99 12 ms"). */
  shown?: string;
  comparison?: string;
  ratio?: number;
  target?: string;
  met?: boolean;
  /** A correctness row (nothing lost, nothing doubled): unmet, it fails every run, quick or full, --check or not. */
  correctness?: boolean;
  skipped?: string;
  detail?: Record<string, unknown>;
};

const int = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

export const fmt = {
  n: (x: number) => (Number.isFinite(x) ? int.format(x) : "n/a"),
  ms: (x: number) => (Number.isFinite(x) ? `${x < 10 ? one.format(x) : int.format(x)} ms` : "n/a"),
  pct: (x: number) => (Number.isFinite(x) ? `${one.format(x * 100)}%` : "n/a"),
  x: (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : "n/a"),
  bytes: (x: number) => (Number.isFinite(x) ? `${one.format(x / 1024)} KiB` : "n/a"),
};

/** Throughput as shown in a cell: requests per second, then the latency spread and errors. */
export function throughputText(t: {
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  cpuMs?: number;
}): string {
  const cpu = t.cpuMs !== undefined && Number.isFinite(t.cpuMs) ? `, ${t.cpuMs.toFixed(2)} ms CPU/req` : "";
  return `${fmt.n(t.reqPerSec)} req/s (p50 ${fmt.ms(t.p50)}, p99 ${fmt.ms(t.p99)}, ${fmt.n(t.errors)} errors${cpu})`;
}

export function skipped(id: string, metric: string, reason: string): Metric {
  return { id, metric, value: null, unit: "", skipped: reason };
}
