import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Db } from "@/db";
import { migrate } from "@/db/migrate";
import { databaseUrl } from "@/lib/server/env";
import { emptiedPglite, pgliteDb } from "./temp-pg";

export function tempDatabaseFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "roomdesk-unit-")), "test.db");
}

/** A real, migrated SQLite file in a temporary folder: unit tests never mock the database. */
export async function tempSqlite() {
  const file = tempDatabaseFile();
  const db = openDatabase(file);
  await migrate(db);
  return { db, file };
}

/**
 * An empty, migrated database of the engine under test: SQLite, or PostgreSQL (PGlite) when the postgres
 * project runs (vitest.config.ts). `reopen` gives a second handle on the same data, as another server has.
 */
export async function tempDatabase(): Promise<{ db: Db; reopen: () => Db }> {
  if (!databaseUrl()) {
    const { db, file } = await tempSqlite();
    return { db, reopen: () => openDatabase(file) };
  }
  const { client, db } = await emptiedPglite();
  return { db, reopen: () => pgliteDb(client) };
}
