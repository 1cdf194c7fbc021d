import fs from "node:fs";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openPostgres, type Db } from "@/db";
import { copyDatabase, CopyError } from "@/db/copy";
import { copyPlan, type TablePlan } from "@/db/copy-plan";
import { rooms, roomChanges } from "@/db/schema";
import { createUserWithRoom, userByEmail } from "@/lib/auth/users";
import { recordVote } from "@/lib/help/votes";
import { createMeeting } from "@/lib/meetings/service";
import { meetingSchema } from "@/lib/validation/meeting";
import { appAnswers, type Made } from "../../support/copy-answers";
import { copyOf, digests, maxId, pgRows, spoil, sqliteRows, sqliteSource } from "../../support/copy-db";
import { emptyServerDatabase, tempServerDatabase } from "../../support/temp-pg";

const plan = copyPlan();
const table = (name: string): TablePlan => plan.find((t) => t.name === name)!;

let source: { file: string; made: Made; answers: unknown };
beforeAll(async () => {
  source = await sqliteSource();
}, 120_000);

const opened: Db[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map(closeDatabase));
});
const open = (url: string) => {
  const db = openPostgres(url, 2);
  opened.push(db);
  return db;
};

async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const t of plan) counts[t.name] = (await client.query(`select count(*)::int as n from "${t.name}"`)).rows[0].n;
    return counts;
  } finally {
    await client.end();
  }
}
const nothingIn = () => Object.fromEntries(plan.map((t) => [t.name, 0]));

describe("db:copy", () => {
  it("moves every table, row for row, and the copy answers the app's queries as the original did", async () => {
    const url = await emptyServerDatabase();
    const report = await copyDatabase(source.file, url);
    expect(report.map((r) => r.name)).toEqual(plan.map((t) => t.name));
    // The fixture fills every table, so each one's conversion is exercised: a new table needs rows there too.
    for (const r of report) expect(r.rows, r.name).toBeGreaterThan(0);

    for (const t of plan) expect(await pgRows(url, t), t.name).toEqual(sqliteRows(source.file, t));
    expect(await appAnswers(open(url), source.made)).toEqual(source.answers);
  }, 120_000);

  it("continues every id where SQLite would: after the largest one, or after a deleted last one", async () => {
    const url = await emptyServerDatabase();
    await copyDatabase(source.file, url, 2);
    const db = open(url);
    const [lastUser, lastRoom, lastChange] = [
      maxId(source.file, table("users")),
      maxId(source.file, table("rooms")),
      maxId(source.file, table("room_changes")),
    ];

    const user = await createUserWithRoom(db, { email: "new@example.edu", name: "New Owner", passwordHash: "x" });
    expect(user.id).toBe(lastUser + 1);
    const [room] = await db.select().from(rooms).where(eq(rooms.userId, user.id));
    expect(room!.id).toBe(lastRoom + 1);
    const [created] = await db.select().from(roomChanges).where(eq(roomChanges.roomId, room!.id));
    expect(created!.id).toBe(lastChange + 1);

    // SQLite's AUTOINCREMENT never gives out the id of the deleted last meeting again; neither does the copy.
    expect(maxId(source.file, table("meetings"))).toBeLessThan(source.made.deletedMeetingId);
    const ada = (await userByEmail(db, "ada@example.edu"))!;
    const input = meetingSchema.parse({
      title: "After the move",
      start: "2031-05-05T10:00",
      duration: "30",
      timeZone: "UTC",
      meetingIdType: "pmi",
    });
    expect((await createMeeting(db, ada.id, input)).id).toBe(source.made.deletedMeetingId + 1);
  }, 120_000);

  it("refuses a target that holds rows, naming the table, and leaves it as it was", async () => {
    const { db, url } = await tempServerDatabase(2);
    opened.push(db);
    await recordVote(db, { page: "/help/passcodes", visitor: "v9", day: "2030-01-01", helpful: true });
    await expect(copyDatabase(source.file, url)).rejects.toThrow(
      new CopyError(
        "The target database is not empty: table help_votes has rows. db:copy only fills an empty database.",
      ),
    );
    expect(await rowCounts(url)).toEqual({ ...nothingIn(), help_votes: 1 });
  }, 120_000);

  it("leaves the target empty when PostgreSQL refuses a row halfway through", async () => {
    // A guest of a room that does not exist: SQLite took it with foreign keys off, PostgreSQL never does.
    // The tables before attendees are copied by then, and roll back with the rest.
    const spoiled = copyOf(source.file);
    spoil(
      spoiled,
      `insert into attendees (key, room_id, name, token_hash, status) values ('room:999', 999, 'Ghost', 'h', 'waiting')`,
    );
    const url = await emptyServerDatabase();
    await expect(copyDatabase(spoiled, url)).rejects.toThrow(
      /^Copying attendees failed: .*violates foreign key constraint.*Key \(room_id\)=\(999\).*Nothing was copied\.$/,
    );
    expect(await rowCounts(url)).toEqual(nothingIn());
    // The failed attempt left the target as it found it: the same copy of the sound file now goes through.
    expect((await copyDatabase(source.file, url)).length).toBe(plan.length);
  }, 120_000);

  it("refuses a source that is not a Roomdesk database at this version's migrations, before touching the target", async () => {
    const behind = copyOf(source.file);
    spoil(behind, `delete from __drizzle_migrations where id = (select max(id) from __drizzle_migrations)`);
    const ahead = copyOf(source.file);
    spoil(ahead, `insert into __drizzle_migrations (hash, created_at) values ('later', 99999999999999)`);
    const foreign = copyOf(source.file);
    spoil(foreign, `drop table __drizzle_migrations`);
    const text = copyOf(source.file);
    fs.writeFileSync(text, "roomdesk.db, as a list of names");
    const unreachable = "postgres://nobody@127.0.0.1:1/none";
    await expect(copyDatabase(behind, unreachable)).rejects.toThrow(/is behind .* \(1 migration\(s\) not applied\)/);
    await expect(copyDatabase(ahead, unreachable)).rejects.toThrow(/migrated by a newer version of Roomdesk/);
    await expect(copyDatabase(foreign, unreachable)).rejects.toThrow(/is not a Roomdesk database/);
    await expect(copyDatabase(text, unreachable)).rejects.toThrow(
      /is not a readable SQLite database: file is not a database/,
    );
    await expect(copyDatabase(`${source.file}.missing`, unreachable)).rejects.toThrow(/no such file/);
  });

  it("checks a checksum that sees any value PostgreSQL holds otherwise than SQLite", async () => {
    const url = await emptyServerDatabase();
    await copyDatabase(source.file, url);
    const client = new pg.Client(url);
    await client.connect();
    const target = drizzle(client);
    try {
      // Each change, made after the copy, is one the checksum must see: a flag, an instant, JSON, text.
      for (const [name, change] of [
        ["rooms", "update rooms set waiting_room = not waiting_room where id = 1"],
        ["users", "update users set created_at = created_at + interval '1 millisecond' where id = 1"],
        ["room_changes", `update room_changes set changes = '[{"field":"link","to":"x"}]' where id = 1`],
        ["attendees", "update attendees set name = name || ' ' where id = 1"],
      ] as const) {
        const t = table(name);
        await client.query("begin");
        await client.query(change);
        const [sourceDigest, targetDigest] = await digests(source.file, target, t);
        await client.query("rollback");
        expect(targetDigest, name).not.toBe(sourceDigest);
        expect((await digests(source.file, target, t))[1], name).toBe(sourceDigest);
      }
    } finally {
      await client.end();
    }
  }, 120_000);
});
