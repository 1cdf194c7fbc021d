import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import * as schema from "@/db/postgres/schema";

export const PG_MIGRATIONS = path.join(process.cwd(), "db", "postgres", "migrations");

/**
 * A real PostgreSQL in process (PGlite) with the committed migrations applied. It has one connection, so
 * tests of locks and concurrent claims need a real server instead.
 */
export async function tempPglite() {
  const client = await PGlite.create();
  const db = drizzle({ client, schema });
  await migrate(db, { migrationsFolder: PG_MIGRATIONS });
  return { client, db };
}
