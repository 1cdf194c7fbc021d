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
