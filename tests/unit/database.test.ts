import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { migrate, migrationsFolder } from "@/db/migrate";
import { rooms, roomChanges, users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { createUserWithRoom, userByEmail } from "@/lib/auth/users";
import { pmiProblems, linkProblems, passcodeProblems } from "@/lib/validation";
import { tempDatabaseFile, tempSqlite } from "../support/temp-db";

describe("migrations", () => {
  it("are applied once even when two processes start at the same moment", async () => {
    const file = tempDatabaseFile();
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    const worker = path.join(process.cwd(), "tests", "support", "migrate-worker.ts");
    const start = () => promisify(execFile)(tsx, ["--conditions=react-server", worker, file], { env: process.env });
    const applied = (await Promise.all([start(), start()])).map((r) => Number(r.stdout.trim()));
    expect(applied.filter((n) => n > 0)).toHaveLength(1);
    expect(applied.reduce((a, b) => a + b)).toBeGreaterThan(0);
    expect(await migrate(openDatabase(file))).toBe(0);
  }, 60_000);

  it("rebuild a table (SQLite's way to change a column) without losing the rows that refer to it", async () => {
    // The committed migrations up to the one that rebuilds users (0008), as a database made before it has them.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "roomdesk-migrations-"));
    const source = migrationsFolder("sqlite");
    const journal = JSON.parse(fs.readFileSync(path.join(source, "meta", "_journal.json"), "utf8"));
    const before = journal.entries.filter((e: { idx: number }) => e.idx < 8);
    fs.mkdirSync(path.join(folder, "meta"));
    fs.writeFileSync(path.join(folder, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: before }));
    for (const e of before) fs.copyFileSync(path.join(source, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));

    const file = tempDatabaseFile();
    const db = openDatabase(file);
    await migrate(db, folder);
    const ada = await createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
    expect(await migrate(db)).toBeGreaterThan(0);
    expect(await db.select().from(rooms)).toHaveLength(1);
    expect(await db.select().from(roomChanges)).toHaveLength(1);
    expect((await db.select().from(users))[0]).toMatchObject({ id: ada.id, passwordHash: "x" });
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("turn on WAL and foreign keys", async () => {
    const { db } = await tempSqlite();
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
  });
});

describe("accounts", () => {
  it("every account gets a room with SPEC §3 defaults", async () => {
    const { db } = await tempSqlite();
    const user = await createUserWithRoom(db, { email: "Ada@Example.edu", name: "Ada Lovelace", passwordHash: "x" });
    const room = db.$client.prepare("select * from rooms where user_id = ?").get(user.id) as Record<string, unknown>;
    expect(user.email).toBe("ada@example.edu");
    expect(pmiProblems(String(room.pmi))).toEqual([]);
    expect(room.link).toBe("ada.lovelace");
    expect(linkProblems(String(room.link))).toEqual([]);
    expect(passcodeProblems(String(room.passcode))).toEqual([]);
    expect(room.waiting_room).toBe(1);
    expect(room.join_before_host).toBe(0);
  });

  it("adds a number to a link that is taken, and refuses a second account with the same email in any case", async () => {
    const { db } = await tempSqlite();
    await createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
    const twin = await createUserWithRoom(db, { email: "ada2@example.edu", name: "Ada Lovelace", passwordHash: "x" });
    const room = db.$client.prepare("select link from rooms where user_id = ?").get(twin.id) as { link: string };
    expect(room.link).toBe("ada.lovelace2");
    expect(() =>
      db.$client.prepare("insert into users (email, name, password_hash) values ('ADA@example.edu', 'x', 'x')").run(),
    ).toThrow();
    expect((await userByEmail(db, " ADA@EXAMPLE.EDU "))?.name).toBe("Ada Lovelace");
  });

  it("the database itself refuses rooms that break the dependent-settings rules or reuse a PMI or link", async () => {
    const { db } = await tempSqlite();
    const ada = await createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
    const grace = await createUserWithRoom(db, { email: "grace@example.edu", name: "Grace Hopper", passwordHash: "x" });
    const adaRoom = db.$client.prepare("select * from rooms where user_id = ?").get(ada.id) as {
      pmi: string;
      link: string;
    };
    const update =
      (sql: string, ...args: unknown[]) =>
      () =>
        db.$client.prepare(sql).run(...args);
    expect(update("update rooms set passcode = null, join_before_host = 1 where user_id = ?", grace.id)).toThrow(
      /CHECK/,
    );
    expect(update("update rooms set passcode = null, waiting_room = 0 where user_id = ?", grace.id)).toThrow(/CHECK/);
    expect(update("update rooms set pmi = ? where user_id = ?", adaRoom.pmi, grace.id)).toThrow(/UNIQUE/);
    expect(update("update rooms set link = ? where user_id = ?", adaRoom.link.toUpperCase(), grace.id)).toThrow();
    expect(update("update rooms set link = 'grace..hopper' where user_id = ?", grace.id)).toThrow(/CHECK/);
  });
});

describe("passwords", () => {
  it("are hashed with Argon2id at OWASP's minimum and verified", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "correct horse battery", "known")).toBe(true);
    expect(await verifyPassword(hash, "wrong horse battery", "known")).toBe(false);
  });

  it("an unknown account is refused after the same Argon2 work", async () => {
    expect(await verifyPassword(undefined, "anything", "known")).toBe(false);
  });
});

describe("support access log", () => {
  it("is append-only: the database refuses updates and deletes", async () => {
    const { db } = await tempSqlite();
    const staff = await createUserWithRoom(db, {
      email: "support@example.edu",
      name: "Support Desk",
      passwordHash: "x",
      role: "support",
    });
    db.$client
      .prepare("insert into support_access_log (support_user_id, query) values (?, 'ada@example.edu')")
      .run(staff.id);
    expect(() => db.$client.prepare("update support_access_log set query = 'x'").run()).toThrow(/append-only/);
    expect(() => db.$client.prepare("delete from support_access_log").run()).toThrow(/append-only/);
    expect(db.$client.prepare("select count(*) as n from support_access_log").get()).toEqual({ n: 1 });
  });
});
