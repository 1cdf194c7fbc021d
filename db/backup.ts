import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** A reason not to back up that the person running it can act on; no backup file was written. */
export class BackupError extends Error {}

export type BackupReport = { file: string; tables: { name: string; rows: number }[] };

/**
 * Copies the SQLite database at `source` to `dest` while servers keep using it, through SQLite's online backup
 * API: the copy is the database as it stood at one moment, whatever was committed after that is not in it.
 * The copy is checked (`PRAGMA integrity_check`) before it takes its name, so a file at `dest` is a sound
 * backup; it is a plain rollback-journal file, complete without -wal or -shm beside it.
 */
export async function backupSqlite(source: string, dest: string, options: { force?: boolean } = {}) {
  if (!fs.existsSync(source)) throw new BackupError(`${source}: no such database file.`);
  if (fs.existsSync(dest) && !options.force) throw new BackupError(`${dest} exists: choose a new name, or --force.`);
  if (!fs.existsSync(path.dirname(path.resolve(dest)))) throw new BackupError(`${path.dirname(dest)}: no such folder.`);

  const partial = `${dest}.partial-${process.pid}`;
  try {
    const live = new Database(source, { readonly: true, fileMustExist: true });
    try {
      // Every page in one step, under one read lock: in WAL mode writers go on meanwhile, and the copy cannot
      // restart over and over, as a step-by-step backup does each time another connection writes.
      await live.backup(partial, { progress: () => 0x7fffffff });
    } finally {
      live.close();
    }
    const report = check(partial);
    fs.renameSync(partial, dest);
    return { file: dest, tables: report } satisfies BackupReport;
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

function check(file: string): BackupReport["tables"] {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
    const problems = copy.pragma("integrity_check", { simple: false }) as { integrity_check: string }[];
    if (problems.length !== 1 || problems[0]?.integrity_check !== "ok") {
      throw new BackupError(
        `The copy failed its integrity check: ${problems.map((p) => p.integrity_check).join("; ")}`,
      );
    }
    const names = copy
      .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`)
      .pluck()
      .all() as string[];
    return names.map((name) => ({
      name,
      rows: copy.prepare(`select count(*) from "${name}"`).pluck().get() as number,
    }));
  } finally {
    copy.close();
  }
}
