import Database from "better-sqlite3";
import pg from "pg";
import { E2E_DATABASE_PATH, E2E_DATABASE_URL, E2E_ENGINE } from "./env";

/**
 * Reads the server's database, whichever engine the run uses, to check what requests stored. The SQL must
 * mean the same on both: `?` placeholders (numbered for PostgreSQL here), text and integer columns only
 * (a jsonb column comes back parsed on PostgreSQL, as text on SQLite: cast it to text).
 */
export async function readE2eDb<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  if (E2E_ENGINE === "sqlite") {
    const db = new Database(E2E_DATABASE_PATH, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }
  let n = 0;
  const numbered = sql.replace(/\?/g, () => `$${++n}`);
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(numbered, params)).rows as T[];
  } finally {
    await client.end();
  }
}
