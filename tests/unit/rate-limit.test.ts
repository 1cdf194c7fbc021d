import { describe, expect, it } from "vitest";
import { rateLimits } from "@/db/schema";
import {
  limitKey,
  recordFailure,
  release,
  reserve,
  resetCounter,
  retryAfterMs,
  waitInWords,
  type Counted,
} from "@/lib/server/rate-limit";
import { tempDatabase } from "../support/temp-db";

const counter = (points: number, seconds = 60): Counted => ({
  limit: { name: "test", points, seconds },
  key: limitKey("someone@example.edu", "203.0.113.1"),
});

describe("rate limits in the database", () => {
  it("allows failures up to the limit, then asks to wait about the window", async () => {
    const { db } = await tempDatabase();
    const c = counter(3, 600);
    for (let i = 0; i < 2; i++) await recordFailure(db, [c]);
    expect(await retryAfterMs(db, [c])).toBe(0);
    await recordFailure(db, [c]);
    const wait = await retryAfterMs(db, [c]);
    expect(wait).toBeGreaterThan(590_000);
    expect(wait).toBeLessThanOrEqual(600_000);
  });

  it("is shared by every handle on the same database (several server processes)", async () => {
    const { db, reopen } = await tempDatabase();
    const other = reopen();
    const c = counter(2);
    await recordFailure(db, [c]);
    await recordFailure(other, [c]);
    expect(await retryAfterMs(db, [c])).toBeGreaterThan(0);
    expect(await retryAfterMs(other, [c])).toBeGreaterThan(0);
  });

  it("keeps separate keys apart and can be reset after a success", async () => {
    const { db } = await tempDatabase();
    const a = counter(1);
    const b: Counted = { ...a, key: limitKey("someone-else@example.edu", "203.0.113.1") };
    await recordFailure(db, [a]);
    expect(await retryAfterMs(db, [a])).toBeGreaterThan(0);
    expect(await retryAfterMs(db, [b])).toBe(0);
    await resetCounter(db, a);
    expect(await retryAfterMs(db, [a])).toBe(0);
  });

  it("forgets failures once the window has passed", async () => {
    const { db } = await tempDatabase();
    const c = counter(1, 1);
    await recordFailure(db, [c]);
    expect(await retryAfterMs(db, [c])).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await retryAfterMs(db, [c])).toBe(0);
  });

  it("stores digests, not emails or addresses", async () => {
    const { db } = await tempDatabase();
    await recordFailure(db, [counter(5)]);
    const keys = await db.select({ key: rateLimits.key }).from(rateLimits);
    expect(keys.length).toBe(1);
    expect(keys[0]!.key).not.toContain("example.edu");
    expect(keys[0]!.key).not.toContain("203.0.113.1");
  });

  it("counts an attempt before it runs, refuses past the limit without counting, and gives back on success", async () => {
    const { db } = await tempDatabase();
    const c = counter(2, 600);
    const first = await reserve(db, [c]);
    expect(first.wait).toBe(0);
    await release(db, first);
    expect((await reserve(db, [c])).wait).toBe(0);
    expect((await reserve(db, [c])).wait).toBe(0);
    const refused = await reserve(db, [c]);
    expect(refused.wait).toBeGreaterThan(590_000);
    // The refused attempt counted nothing: giving back one earlier attempt opens exactly one more.
    await release(db, { wait: 0, counters: [c] });
    expect((await reserve(db, [c])).wait).toBe(0);
    expect((await reserve(db, [c])).wait).toBeGreaterThan(0);
  });

  it("counts nothing on any counter when one of them is spent", async () => {
    const { db } = await tempDatabase();
    const spent = counter(1);
    const other: Counted = { limit: { name: "other", points: 5, seconds: 60 }, key: spent.key };
    await recordFailure(db, [spent]);
    expect((await reserve(db, [other, spent])).wait).toBeGreaterThan(0);
    const [row] = await db.select().from(rateLimits);
    expect(row).toBeDefined();
    expect(await db.select().from(rateLimits)).toHaveLength(1);
  });

  // Several servers at once: tests/unit/postgres/limits.test.ts (one process cannot hold two SQLite writers).
  it("lets exactly the limit through when attempts come at once", async () => {
    const { db } = await tempDatabase();
    const c = counter(5, 600);
    const results = await Promise.all(Array.from({ length: 20 }, () => reserve(db, [c])));
    expect(results.filter((r) => r.wait === 0)).toHaveLength(5);
  });

  it("says how long to wait in words", () => {
    expect(waitInWords(1)).toBe("1 second");
    expect(waitInWords(45_000)).toBe("45 seconds");
    expect(waitInWords(61_000)).toBe("2 minutes");
    expect(waitInWords(60_000)).toBe("1 minute");
  });
});
