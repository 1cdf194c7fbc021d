import "server-only";
import path from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { Db } from "./index";

const MIGRATIONS_TABLE = "__drizzle_migrations";

/**
 * Applies the committed migrations. Drizzle's own migrator reads the applied list before it takes the write
 * lock, so two processes starting at once could both apply the same migration; here the read and the writes
 * happen inside one BEGIN IMMEDIATE, and the second process finds the work done.
 */
export function migrate(db: Db, folder = path.join(process.cwd(), "db", "sqlite", "migrations")): number {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  const sqlite = db.$client;
  const apply = sqlite.transaction(() => {
    sqlite.exec(
      `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id INTEGER PRIMARY KEY, hash TEXT NOT NULL, created_at NUMERIC)`,
    );
    const last = sqlite.prepare(`SELECT created_at FROM ${MIGRATIONS_TABLE} ORDER BY created_at DESC LIMIT 1`).get() as
      { created_at: number } | undefined;
    let applied = 0;
    for (const migration of migrations) {
      if (last && Number(last.created_at) >= migration.folderMillis) continue;
      for (const statement of migration.sql) if (statement.trim()) sqlite.exec(statement);
      sqlite
        .prepare(`INSERT INTO ${MIGRATIONS_TABLE} (hash, created_at) VALUES (?, ?)`)
        .run(migration.hash, migration.folderMillis);
      applied++;
    }
    return applied;
  });
  return apply.immediate();
}
