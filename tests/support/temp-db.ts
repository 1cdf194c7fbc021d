import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@/db";
import { migrate } from "@/db/migrate";

/** A real, migrated SQLite file in a temporary folder: unit tests never mock the database. */
export function tempDatabaseFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "roomdesk-unit-")), "test.db");
}

export function tempDatabase() {
  const file = tempDatabaseFile();
  const db = openDatabase(file);
  migrate(db);
  return { db, file };
}
