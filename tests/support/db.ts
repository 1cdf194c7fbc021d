import Database from "better-sqlite3";
import pg from "pg";
import { E2E_DATABASE_PATH, E2E_DATABASE_URL } from "./env";

let pool: pg.Pool | undefined;

/**
 * Reads the server's real database (SQLite file read-only, or PostgreSQL) to check what a request stored. Write
 * SQL that both engines run: `?` placeholders (numbered for PostgreSQL here), `cast(count(*) as integer)` for
 * counts, no boolean aggregates, and jsonb cast to text (PostgreSQL returns it parsed, SQLite as text).
 */
export async function queryE2eDb<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  if (E2E_DATABASE_URL) {
    pool ??= new pg.Pool({ connectionString: E2E_DATABASE_URL, max: 2, allowExitOnIdle: true });
    let n = 0;
    return (
      await pool.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      )
    ).rows as T[];
  }
  const db = new Database(E2E_DATABASE_PATH, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export type RoomRow = {
  pmi: string;
  link: string;
  passcode: string | null;
  joinBeforeHost: boolean;
  waitingRoom: boolean;
};

/** The stored room of an account, straight from the server's database (booleans alike on both engines). */
export async function roomOf(email: string): Promise<RoomRow> {
  const [row] = await queryE2eDb<Omit<RoomRow, "joinBeforeHost" | "waitingRoom"> & { jbh: unknown; wr: unknown }>(
    "select r.pmi, r.link, r.passcode, r.join_before_host as jbh, r.waiting_room as wr from rooms r join users u on u.id = r.user_id where u.email = ?",
    email,
  );
  if (!row) throw new Error(`no room for ${email}`);
  const { jbh, wr, ...rest } = row;
  return { ...rest, joinBeforeHost: Boolean(jbh), waitingRoom: Boolean(wr) };
}
