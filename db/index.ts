import "server-only";
import { env } from "@/lib/server/env";
import { handleOf, type Db } from "./handle";
import { openPostgres } from "./postgres";
import { openDatabase } from "./sqlite";

export type { Db, Engine, SqliteDb } from "./handle";
export { engineOf } from "./handle";
export { openDatabase, openPostgres };

const globalForDb = globalThis as unknown as { roomdeskDb?: Db };

/**
 * The one client, opened on first use (never at import: `next build` must not touch the database):
 * PostgreSQL when DATABASE_URL is set, else the SQLite file at DATABASE_PATH.
 */
export function db(): Db {
  if (!globalForDb.roomdeskDb) {
    const { DATABASE_URL, DATABASE_POOL_SIZE, DATABASE_PATH } = env();
    globalForDb.roomdeskDb = DATABASE_URL
      ? openPostgres(DATABASE_URL, DATABASE_POOL_SIZE)
      : openDatabase(DATABASE_PATH);
  }
  return globalForDb.roomdeskDb;
}

/** Closes every connection of a handle (scripts that exit, tests). */
export async function closeDatabase(db: Db): Promise<void> {
  const handle = handleOf(db);
  if (globalForDb.roomdeskDb === db) globalForDb.roomdeskDb = undefined;
  if (handle.engine === "postgres") return handle.source.close();
  handle.writer.opened?.$client.close();
  handle.sqlite.close();
}
