import { execFile, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { closeDatabase, openDatabase } from "@/db";
import { migrate } from "@/db/migrate";
import { roomChanges, rooms, users } from "@/db/schema";
import { createUserWithRoom, userByEmail } from "@/lib/auth/users";
import { tempDatabaseFile, tempSqlite } from "../support/temp-db";

const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
const script = (name: string) => ["--conditions=react-server", name];

/** The environment of a server on the SQLite file `database`: no DATABASE_URL unless given. */
const backupEnv = (database: string, extra: Record<string, string> = {}) => {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PATH: database, ...extra };
  if (!extra.DATABASE_URL) delete env.DATABASE_URL;
  return env;
};

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("npm run db:backup", () => {
  it("copies the live database while another process writes, and the copy restores every row committed before", async () => {
    const { db, file } = await tempSqlite();
    await createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
    const writer = spawn(tsx, [...script("tests/support/backup-writer.ts"), file], {
      env: backupEnv(file),
      stdio: ["pipe", "pipe", "inherit"],
    });
    const exited = new Promise((resolve) => writer.on("exit", resolve));
    const committed: string[] = [];
    readline.createInterface({ input: writer.stdout }).on("line", (line) => committed.push(line));
    const dest = tempDatabaseFile();
    let run: { stdout: string };
    let before: string[];
    try {
      await until(() => committed.length >= 1500);
      before = committed.slice();
      run = await promisify(execFile)(tsx, [...script("scripts/db-backup.ts"), dest], { env: backupEnv(file) });
      // The writer goes on committing after the backup: it was never stopped.
      const after = committed.length;
      await until(() => committed.length > after);
    } finally {
      writer.stdin.end();
      await exited;
      await closeDatabase(db);
    }

    // Restoring is putting the file where a server opens its database.
    const restoredFile = tempDatabaseFile();
    fs.copyFileSync(dest, restoredFile);
    const restored = openDatabase(restoredFile);
    try {
      expect(await migrate(restored)).toBe(0);
      for (const email of ["ada@example.edu", ...before])
        expect(await userByEmail(restored, email), email).toBeDefined();
      // One moment of the live database: the writer's first accounts up to some point, each one whole.
      const emails = (await restored.select({ email: users.email }).from(users).orderBy(users.id)).map((u) => u.email);
      const written = emails.filter((e) => e.startsWith("writer-"));
      expect(written).toEqual(written.map((_, i) => `writer-${i + 1}@example.test`));
      const [roomCount] = await restored.select({ n: count() }).from(rooms);
      const [created] = await restored.select({ n: count() }).from(roomChanges).where(eq(roomChanges.kind, "created"));
      expect([roomCount!.n, created!.n]).toEqual([emails.length, emails.length]);
      expect(restored.$client.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(run.stdout).toMatch(new RegExp(`^users +${emails.length} rows$`, "m"));
      expect(run.stdout).toMatch(/: integrity check ok\.$/m);
    } finally {
      await closeDatabase(restored);
    }
    // A single file, complete without a -wal beside it.
    expect(fs.readdirSync(path.dirname(dest)).sort()).toEqual([path.basename(dest)]);
    const copy = new Database(dest, { readonly: true });
    expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
    // Hundreds of pages, as a real site has: more than one step of a page-by-page backup (100).
    expect(copy.pragma("page_count", { simple: true })).toBeGreaterThan(150);
    copy.close();
  }, 180_000);

  it("refuses to overwrite a file without --force, a site on PostgreSQL, and a missing database, saying why", async () => {
    const { db, file } = await tempSqlite();
    await closeDatabase(db);
    const dest = tempDatabaseFile();
    fs.writeFileSync(dest, "an older backup");
    const backup = (args: string[], env = backupEnv(file)) =>
      spawnSync(tsx, [...script("scripts/db-backup.ts"), ...args], { env, encoding: "utf8" });
    const cases: [ReturnType<typeof backup>, RegExp][] = [
      [backup([]), /^Name one file to write the backup to\.\nUsage: npm run db:backup -- /],
      [backup([dest]), /exists: choose a new name, or --force\.$/m],
      [backup([dest], backupEnv(file, { DATABASE_URL: "postgres://db.example/roomdesk" })), /pg_dump -Fc/],
      [backup([dest, "--force"], backupEnv(`${file}.missing`)), /\.missing: no such database file\.$/m],
    ];
    for (const [run, message] of cases) {
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(message);
    }
    expect(fs.readFileSync(dest, "utf8")).toBe("an older backup");
    const forced = backup([dest, "--force"]);
    expect(forced.status).toBe(0);
    expect(forced.stdout).toMatch(/^users +0 rows$/m);
  }, 180_000);
});
