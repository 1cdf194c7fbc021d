import "server-only";
import { sql } from "drizzle-orm";
import { db, type Engine } from "@/db";
import { queryRows } from "@/db/handle";
import { env } from "@/lib/server/env";

/** Whether the database answers a trivial query, and which engine it is (DATABASE_URL selects PostgreSQL). */
export async function databaseAnswers(): Promise<{ ok: boolean; engine: Engine }> {
  const engine = env().DATABASE_URL ? "postgres" : "sqlite";
  try {
    await queryRows(db(), sql`select 1`);
    return { ok: true, engine };
  } catch {
    return { ok: false, engine };
  }
}
