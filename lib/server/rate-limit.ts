import "server-only";
import { createHash } from "node:crypto";
import { RateLimiterPostgres, RateLimiterSQLite, type RateLimiterStoreAbstract } from "rate-limiter-flexible";
import type { Db } from "@/db";
import { handleOf } from "@/db/handle";
import { withTransaction } from "@/db/transaction";

/** A limit of `points` failures per `seconds`, counted in the database so every server process shares it. */
export type Limit = { name: string; points: number; seconds: number };

// Per connection (SQLite's, a PostgreSQL pool or one of its connections), so a write inside a transaction
// goes through that transaction's connection and commits or rolls back with it.
const limiters = new WeakMap<object, Map<string, RateLimiterStoreAbstract>>();

function limiterFor(db: Db, limit: Limit): RateLimiterStoreAbstract {
  const handle = handleOf(db);
  const store = handle.engine === "sqlite" ? handle.sqlite : handle.store;
  let byName = limiters.get(store);
  if (!byName) limiters.set(store, (byName = new Map()));
  const id = `${limit.name}:${limit.points}:${limit.seconds}`;
  let limiter = byName.get(id);
  if (!limiter) {
    // The table comes from our own migrations (db/schema.ts rateLimits), so the limiter must not create it.
    const options = {
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix: limit.name,
      points: Math.max(1, limit.points),
      duration: Math.max(1, limit.seconds),
    };
    if (handle.engine === "sqlite") {
      limiter = new RateLimiterSQLite({ ...options, storeClient: store, storeType: "better-sqlite3" });
    } else {
      const pooled = store === handle.source.store;
      limiter = new RateLimiterPostgres({
        ...options,
        storeClient: store,
        storeType: pooled ? "pool" : "client",
        // Its sweep of expired rows runs later, on a timer: only on the pool, never on a borrowed connection.
        clearExpiredByTimeout: pooled,
      });
    }
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
    const res = await limiterFor(db, limit).get(key);
    if (res && res.consumedPoints >= Math.max(1, limit.points)) wait = Math.max(wait, res.msBeforeNext);
  }
  return wait;
}

/** Counts one against every listed counter (a failure, a vote, a guest added), as one write. */
export async function recordFailure(db: Db, counters: Counted[]): Promise<void> {
  await withTransaction(db, async (tx) => {
    for (const { limit, key } of counters) await limiterFor(tx, limit).penalty(key, 1);
  });
}

/** An attempt counted before it ran: `wait` > 0 when a limit was already spent (then nothing was counted). */
export type Reservation = { wait: number; counters: Counted[] };

class Spent extends Error {
  constructor(public wait: number) {
    super("limit spent");
  }
}

/**
 * Counts one attempt against every listed counter before the attempt runs, in one transaction, so that N
 * attempts at once cannot all pass a check made before any of them was counted (checking first and counting
 * after the failure let a burst overshoot a limit by its size, on several servers as on one). When any counter
 * is spent, the transaction rolls back: nothing is counted and `wait` says for how long. An attempt that
 * turns out not to count (a success) gives its points back with `release`.
 */
export async function reserve(db: Db, counters: Counted[]): Promise<Reservation> {
  try {
    await withTransaction(db, async (tx) => {
      let wait = 0;
      for (const { limit, key } of counters) {
        const res = await limiterFor(tx, limit).penalty(key, 1);
        if (res.consumedPoints > Math.max(1, limit.points)) wait = Math.max(wait, res.msBeforeNext);
      }
      if (wait > 0) throw new Spent(wait);
    });
  } catch (error) {
    if (error instanceof Spent) return { wait: error.wait, counters: [] };
    throw error;
  }
  return { wait: 0, counters };
}

/** Gives back what a reservation counted: the attempt succeeded, or never ran. */
export async function release(db: Db, reservation: Reservation): Promise<void> {
  if (reservation.counters.length === 0) return;
  await withTransaction(db, async (tx) => {
    for (const { limit, key } of reservation.counters) await limiterFor(tx, limit).reward(key, 1);
  });
}

export async function resetCounter(db: Db, { limit, key }: Counted): Promise<void> {
  await withTransaction(db, async (tx) => {
    await limiterFor(tx, limit).delete(key);
  });
}

/** "2 minutes", "45 seconds": how long to wait, in words a person reads. */
export function waitInWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
