import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { readMigrationFiles } from "drizzle-orm/migrator";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { closeDatabase, openPostgres } from "@/db";
import { migrate } from "@/db/migrate";
import { emptyServerDatabase } from "../../support/temp-pg";

const committed = readMigrationFiles({ migrationsFolder: path.join(process.cwd(), "db", "postgres", "migrations") });

describe("migrations on PostgreSQL", () => {
  it("are applied once each when several servers start on one empty database at the same moment", async () => {
    const url = await emptyServerDatabase();
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    const worker = path.join(process.cwd(), "tests", "support", "migrate-worker.ts");
    const start = () => promisify(execFile)(tsx, ["--conditions=react-server", worker, url], { env: process.env });
    const applied = (await Promise.all([start(), start(), start()])).map((r) => Number(r.stdout.trim()));
    expect(applied.sort()).toEqual([0, 0, committed.length]);

    const client = new pg.Client(url);
    await client.connect();
    try {
      const { rows } = await client.query(`select hash from "drizzle"."__drizzle_migrations" order by created_at`);
      expect(rows.map((r) => r.hash)).toEqual(committed.map((m) => m.hash));
      const { rows: tables } = await client.query(
        `select count(*)::int as n from pg_tables where schemaname = 'public'`,
      );
      expect(tables[0].n).toBeGreaterThan(10);
    } finally {
      await client.end();
    }
    const again = openPostgres(url, 1);
    expect(await migrate(again)).toBe(0);
    await closeDatabase(again);
  }, 120_000);
});
