import "server-only";
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { RateLimiterSQLite } from "rate-limiter-flexible";
import type { Db } from "@/db";
import { withTransaction } from "@/db/transaction";

/** A limit of `points` failures per `seconds`, counted in the database so every server process shares it. */
export type Limit = { name: string; points: number; seconds: number };

const limiters = new WeakMap<Database.Database, Map<string, RateLimiterSQLite>>();

function limiterFor(sqlite: Database.Database, limit: Limit): RateLimiterSQLite {
  let byName = limiters.get(sqlite);
  if (!byName) limiters.set(sqlite, (byName = new Map()));
  const id = `${limit.name}:${limit.points}:${limit.seconds}`;
  let limiter = byName.get(id);
  if (!limiter) {
    // The table comes from our own migrations (db/schema.ts rateLimits), so the limiter must not create it.
    limiter = new RateLimiterSQLite({
      storeClient: sqlite,
      storeType: "better-sqlite3",
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix: limit.name,
      points: Math.max(1, limit.points),
      duration: Math.max(1, limit.seconds),
    });
    byName.set(id, limiter);
  }
  return limiter;
}

/** Keys may hold emails or addresses; store a digest, not the value. */
export const limitKey = (...parts: string[]) => createHash("sha256").update(parts.join("\u0000")).digest("base64url");

export type Counted = { limit: Limit; key: string };

/** Milliseconds until every listed counter is under its limit again (0 when none is exhausted). */
export async function retryAfterMs(db: Db, counters: Counted[]): Promise<number> {
  let wait = 0;
  for (const { limit, key } of counters) {
    const res = await limiterFor(db.$client, limit).get(key);
    if (res && res.consumedPoints >= Math.max(1, limit.points)) wait = Math.max(wait, res.msBeforeNext);
  }
  return wait;
}

/** Counts one against every listed counter (a failure, a vote, a guest added), as one write. */
export async function recordFailure(db: Db, counters: Counted[]): Promise<void> {
  await withTransaction(db, async (tx) => {
    for (const { limit, key } of counters) await limiterFor(tx.$client, limit).penalty(key, 1);
  });
}

export async function resetCounter(db: Db, { limit, key }: Counted): Promise<void> {
  await withTransaction(db, async (tx) => {
    await limiterFor(tx.$client, limit).delete(key);
  });
}

/** "2 minutes", "45 seconds": how long to wait, in words a person reads. */
export function waitInWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
