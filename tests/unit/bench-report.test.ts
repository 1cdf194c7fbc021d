import { describe, expect, it } from "vitest";
import { incorrect, missingFigures, table } from "@/bench/harness/report";
import type { Metric } from "@/bench/harness/metric";

const row = (id: string, value: number | null, extra: Partial<Metric> = {}): Metric => ({
  id,
  metric: id,
  value,
  unit: "ms",
  ...extra,
});

describe("the quick bench's figure check", () => {
  it("passes figures that exist, and rows that say why they cannot", () => {
    const metrics = [row("a", 12), row("b", 0), row("nginx", null, { skipped: "nginx is not installed" })];
    expect(missingFigures(metrics, ["a", "b", "nginx"])).toEqual([]);
  });

  it("fails a figure that is absent, failed, or not a number", () => {
    const metrics = [
      row("failed", null, { shown: "failed" }),
      row("nan", Number.NaN),
      row("ratio", 3, { ratio: Number.NaN }),
    ];
    expect(missingFigures(metrics, ["failed", "nan", "ratio", "never-ran"])).toEqual([
      "failed",
      "nan",
      "ratio",
      "never-ran",
    ]);
  });

  it("prints one table row per figure", () => {
    const lines = table([row("a", 12, { target: "≤ 30 ms", met: true }), row("b", null, { skipped: "not yet" })]).split(
      "\n",
    );
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain("met");
    expect(lines[3]).toContain("skipped");
  });
});

describe("the bench's correctness rows", () => {
  it("fail the run when not met, or not measured, whatever the mode", () => {
    const metrics = [
      row("lost", 1, { met: false, correctness: true }),
      row("failed", null, { shown: "failed", correctness: true }),
      row("fine", 0, { met: true, correctness: true }),
      row("slow goal", 900, { met: false }),
    ];
    expect(incorrect(metrics)).toEqual(["lost", "failed"]);
  });
});
