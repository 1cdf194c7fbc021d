import Database from "better-sqlite3";
import { E2E_DATABASE_PATH } from "./env";

/** Reads the server's real SQLite file (read-only) to check what a request stored. */
export function queryE2eDb<T>(sql: string, ...params: unknown[]): T[] {
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
  join_before_host: number;
  waiting_room: number;
};

/** The stored room of an account, straight from the server's database file. */
export function roomOf(email: string): RoomRow {
  const [row] = queryE2eDb<RoomRow>(
    "select r.pmi, r.link, r.passcode, r.join_before_host, r.waiting_room from rooms r join users u on u.id = r.user_id where u.email = ?",
    email,
  );
  if (!row) throw new Error(`no room for ${email}`);
  return row;
}
