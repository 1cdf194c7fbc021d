import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const globalForDb = globalThis as unknown as { roomdeskDb?: Db };

/** Opens a SQLite file with the settings every connection needs: WAL, a busy timeout, foreign keys. */
export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  return drizzle(sqlite, { schema });
}

/** The one client, opened on first use (never at import: `next build` must not touch the database). */
export function db(): Db {
  globalForDb.roomdeskDb ??= openDatabase(env().DATABASE_PATH);
  return globalForDb.roomdeskDb;
}

export { schema };
