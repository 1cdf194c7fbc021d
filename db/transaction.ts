import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { sql, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { databaseError } from "./errors";
import { handleOf, type Db, type PgSource, type SqliteDb, type SqliteWriter } from "./handle";

/**
 * The one way to write several rows together, on either engine. A transaction started inside another one's
 * body joins it rather than waiting for it forever. It is rolled back on any throw, sync or async.
 *
 * SQLite: Drizzle's better-sqlite3 transactions are synchronous and do not roll back an async body
 * (drizzle-orm#1472, #2275), so a transaction here is:
 * - run on a dedicated write connection, so a read on the main connection never sees uncommitted rows;
 * - queued behind an in-process async lock, so no two transactions of one process interleave;
 * - opened with BEGIN IMMEDIATE, so several processes on one file take turns at the write lock (the busy
 *   timeout waits for it) instead of failing later with SQLITE_BUSY on upgrade.
 * Transactions are therefore serial, as if one ran after the other.
 *
 * PostgreSQL: one pooled connection from BEGIN to COMMIT, at READ COMMITTED, so transactions on different
 * rows run side by side. What a body reads can change under it unless it locks the rows first (lockRows);
 * unique indexes settle concurrent claims (the loser gets 23505). A deadlock or serialization failure
 * (40P01, 40001) rolls the whole body back, so it runs again, a few times.
 */
export type Tx = Db;

type Open = { owner: SqliteWriter | PgSource; tx: Tx };

// On globalThis, not in a module variable: Next bundles this module into several chunks (pages, actions, route
// handlers), and they must all see the same open transaction.
const shared = globalThis as unknown as { [key: symbol]: AsyncLocalStorage<Open> | undefined };
const CURRENT = Symbol.for("roomdesk.db.transaction");
const current = (shared[CURRENT] ??= new AsyncLocalStorage<Open>());

export async function withTransaction<T>(db: Db, body: (tx: Tx) => Promise<T> | T): Promise<T> {
  const handle = handleOf(db);
  const owner = handle.engine === "sqlite" ? handle.writer : handle.source;
  const open = current.getStore();
  if (open?.owner === owner) return body(open.tx);
  return handle.engine === "sqlite" ? onSqlite(handle.writer, body) : onPostgres(handle.source, body);
}

function onSqlite<T>(writer: SqliteWriter, body: (tx: Tx) => Promise<T> | T): Promise<T> {
  const run = () => {
    const connection: SqliteDb = (writer.opened ??= writer.open());
    return current.run({ owner: writer, tx: connection }, async () => {
      const sqlite = connection.$client;
      sqlite.exec("BEGIN IMMEDIATE");
      try {
        const result = await body(connection);
        sqlite.exec("COMMIT");
        return result;
      } catch (error) {
        if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
        throw error;
      }
    });
  };
  const result = writer.tail.then(run, run);
  writer.tail = result.catch(() => undefined);
  return result;
}

// The server undid the whole transaction for these, so running the body again is safe.
const RETRYABLE = new Set(["40001", "40P01"]);
const ATTEMPTS = 5;

async function onPostgres<T>(source: PgSource, body: (tx: Tx) => Promise<T> | T): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await source.transaction((tx) => current.run({ owner: source, tx }, async () => body(tx)));
    } catch (error) {
      if (attempt >= ATTEMPTS || !RETRYABLE.has(databaseError(error)?.code ?? "")) throw error;
      // Jittered, so the two sides of a deadlock do not meet again at once.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

/**
 * Locks the rows of `table` that `where` selects until the transaction ends, for a read-modify-write that
 * must not interleave with another on the same rows. PostgreSQL: FOR NO KEY UPDATE (inserts that only
 * reference the row still go through). SQLite: nothing to do, the transaction already holds the write lock.
 */
export async function lockRows(tx: Tx, table: SQLiteTable, where: SQL): Promise<void> {
  // On another connection the lock would end with its own one-statement transaction and guard nothing.
  if (current.getStore()?.tx !== tx) throw new Error("lockRows takes the tx of the open withTransaction");
  if (handleOf(tx).engine === "sqlite") return;
  const pg = tx as unknown as { execute(query: SQL): Promise<unknown> };
  await pg.execute(sql`select 1 from ${table} where ${where} for no key update`);
}
