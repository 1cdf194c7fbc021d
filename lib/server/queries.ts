import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db";

/** True when the database answers a trivial query. */
export async function databaseAnswers(): Promise<boolean> {
  try {
    await db().run(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
