import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { env } from "@/lib/server/env";
import * as schema from "./schema";
import { pairWriter } from "./transaction";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const globalForDb = globalThis as unknown as { roomdeskDb?: Db };

function connect(file: string, busyTimeoutMs: number): Db {
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
export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = connect(file, 5000);
  pairWriter(db, () => connect(file, 30_000));
  return db;
}

/** The one client, opened on first use (never at import: `next build` must not touch the database). */
export function db(): Db {
  globalForDb.roomdeskDb ??= openDatabase(env().DATABASE_PATH);
  return globalForDb.roomdeskDb;
}

export { schema };
