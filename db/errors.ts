import "server-only";

export type DatabaseError = Error & { code: string; constraint?: string };

/**
 * The driver's own error inside whatever wraps it: Drizzle wraps a failed query in DrizzleQueryError with the
 * driver's error as `cause` (better-sqlite3: code "SQLITE_CONSTRAINT_UNIQUE"; node-postgres: SQLSTATE "23505",
 * with the constraint's name).
 */
export function databaseError(error: unknown): DatabaseError | null {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (typeof (e as { code?: unknown }).code === "string") return e as DatabaseError;
  }
  return null;
}
