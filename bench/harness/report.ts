import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fmt, type Metric } from "./metric";

const COLUMNS = ["metric", "value", "comparison", "ratio", "target", "met"] as const;

function cells(m: Metric): string[] {
  if (m.value === null) return [m.metric, "skipped", m.skipped ?? "", "", m.target ?? "", "n/a"];
  const ratioText = m.ratio === undefined ? "" : m.unit === "req/s" ? fmt.pct(m.ratio) : fmt.x(m.ratio);
  const met = m.met === undefined ? "" : m.met ? "met" : "NOT MET";
  return [m.metric, m.shown ?? `${fmt.n(m.value)} ${m.unit}`, m.comparison ?? "", ratioText, m.target ?? "", met];
}

/** A Markdown table: readable on a terminal, and pasteable into the README's Performance section. */
export function table(metrics: Metric[]): string {
  const rows = metrics.map(cells);
  const header = [...COLUMNS];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

export type Report = {
  finishedAt: string;
  mode: "quick" | "full";
  seconds: number;
  cores: number;
  cpu: string;
  node: string;
  /** 1-minute load average before and after: a busy shared machine explains a noisy run. */
  loadAverage: { start: number; end: number };
  metrics: Metric[];
};

export function writeJson(report: Report, file = path.join(process.cwd(), "bench", "results", "latest.json")): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const clean = JSON.stringify(
    report,
    (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v),
    2,
  );
  fs.writeFileSync(file, `${clean}\n`);
  return file;
}

export function machine() {
  return { cores: os.availableParallelism(), cpu: os.cpus()[0]?.model ?? "unknown", node: process.version };
}

/**
 * The quick run's only check: every expected figure is there and is a number, unless its row says why it
 * cannot exist here (no nginx, no join pages yet). Speed is never judged.
 */
export function missingFigures(metrics: Metric[], expected: readonly string[]): string[] {
  const byId = new Map(metrics.map((m) => [m.id, m]));
  return expected.filter((id) => {
    const m = byId.get(id);
    if (!m) return true;
    if (m.value === null) return !m.skipped;
    return !Number.isFinite(m.value) || (m.ratio !== undefined && !Number.isFinite(m.ratio));
  });
}

/** Correctness rows (nothing lost, nothing doubled) that are not met: each fails the run, whatever its mode. */
export function incorrect(metrics: Metric[]): string[] {
  return metrics.filter((m) => m.correctness && m.met !== true).map((m) => m.id);
}
