import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Db } from "./index";

/**
 * The one way to write several rows together. Drizzle's better-sqlite3 transactions are synchronous and do not
 * roll back an async body (drizzle-orm#1472, #2275), so a transaction here is:
 * - run on a dedicated write connection, so a read on the main connection never sees uncommitted rows;
 * - queued behind an in-process async lock, so no two transactions of one process interleave;
 * - opened with BEGIN IMMEDIATE, so several processes on one file take turns at the write lock (the busy
 *   timeout waits for it) instead of failing later with SQLITE_BUSY on upgrade;
 * - rolled back on any throw, sync or async.
 * A transaction started inside another one's body joins it rather than waiting for it forever.
 */
export type Tx = Db;

type Writer = { open: () => Db; opened?: Db; tail: Promise<unknown> };

// Kept on the handle and on globalThis, not in module variables: Next bundles this module into several
// chunks (pages, actions, route handlers), and they must all share one queue per database.
const WRITER = Symbol.for("roomdesk.db.writer");
type WithWriter = Db & { [WRITER]?: Writer };
const shared = globalThis as unknown as { [key: symbol]: AsyncLocalStorage<{ writer: Writer }> | undefined };
const CURRENT = Symbol.for("roomdesk.db.transaction");
const current = (shared[CURRENT] ??= new AsyncLocalStorage<{ writer: Writer }>());

/** Registers how to open the write connection that transactions on `db` use (opened on first use). */
export function pairWriter(db: Db, open: () => Db) {
  (db as WithWriter)[WRITER] = { open, tail: Promise.resolve() };
}

function writerOf(db: Db): Writer {
  const writer = (db as WithWriter)[WRITER];
  if (!writer) throw new Error("This database handle has no write connection: open it with openDatabase()");
  return writer;
}

function connectionOf(writer: Writer): Db {
  if (!writer.opened) {
    writer.opened = writer.open();
    // A body may hand its tx to code that opens a transaction of its own: that joins the open one.
    (writer.opened as WithWriter)[WRITER] = writer;
  }
  return writer.opened;
}

export async function withTransaction<T>(db: Db, body: (tx: Tx) => Promise<T> | T): Promise<T> {
  const writer = writerOf(db);
  if (current.getStore()?.writer === writer) return body(connectionOf(writer));

  const run = () =>
    current.run({ writer }, async () => {
      const connection = connectionOf(writer);
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
  const result = writer.tail.then(run, run);
  writer.tail = result.catch(() => undefined);
  return result;
}
