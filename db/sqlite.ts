import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { attach, type SqliteDb, type SqliteWriter } from "./handle";
import * as schema from "./sqlite/schema";

function connect(file: string, busyTimeoutMs: number): SqliteDb {
  const sqlite = new Database(file);
  // The busy timeout first: switching a new file to WAL takes a lock, and several servers may start at once.
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  return drizzle(sqlite, { schema });
}

/**
 * Opens a SQLite file with the settings every connection needs: WAL, a busy timeout, foreign keys. Reads use
 * this connection; transactions (db/transaction.ts) get a second one of their own, opened on first use, whose
 * longer busy timeout lets it wait its turn behind other processes' writes.
 */
export function openDatabase(file: string): SqliteDb {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = connect(file, 5000);
  const writer: SqliteWriter = {
    tail: Promise.resolve(),
    open: () => {
      const connection = connect(file, 30_000);
      // A body may hand its tx to code that opens a transaction of its own: that joins the open one.
      return attach(connection, { engine: "sqlite", sqlite: connection.$client, writer });
    },
  };
  return attach(db, { engine: "sqlite", sqlite: db.$client, writer });
}
