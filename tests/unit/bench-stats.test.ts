import { describe, expect, it } from "vitest";
import { mean, median, percentile, ratio, summarize } from "@/bench/harness/stats";

describe("bench statistics", () => {
  it("takes nearest-rank percentiles", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([7], 95)).toBe(7);
  });

  it("says NaN rather than inventing a figure from no samples", () => {
    expect(percentile([], 50)).toBeNaN();
    expect(mean([])).toBeNaN();
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(Number.NaN, 2)).toBeNaN();
  });

  it("sorts before it summarizes", () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(summarize([3, 1, 2, 4])).toEqual({ count: 4, p50: 2, p95: 4, p99: 4 });
    expect(ratio(3, 4)).toBe(0.75);
  });
});
