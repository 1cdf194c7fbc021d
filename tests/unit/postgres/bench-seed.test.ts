import pg from "pg";
import { describe, expect, it } from "vitest";
import { SEED_PASSWORD } from "@/bench/harness/config";
import { seedPostgres, updatesRecorded } from "@/bench/harness/postgres";
import { verifyPassword } from "@/lib/auth/password";
import { emptyServerDatabase } from "../../support/temp-pg";

describe("the bench's PostgreSQL seed", () => {
  it("migrates and fills an empty database with owners who can sign in, each with a room and its first entry", async () => {
    const url = await emptyServerDatabase();
    // Batches of 7 over 30 owners: the last batch is a short one, and PMIs and links stay unique across them.
    const seeded = await seedPostgres(url, 30, 7);
    expect(seeded.users).toBe(30);
    expect(new Set(seeded.rooms.map((r) => r.pmi)).size).toBe(30);

    const client = new pg.Client(url);
    await client.connect();
    try {
      const { rows } = await client.query<{
        email: string;
        hash: string;
        pmi: string;
        passcode: string;
        changes: unknown;
      }>(
        `select u.email, u.password_hash as hash, r.pmi, r.passcode, c.changes from users u
         join rooms r on r.user_id = u.id join room_changes c on c.room_id = r.id and c.kind = 'created'
         where c.actor_id = u.id order by u.id`,
      );
      expect(rows.map(({ email, pmi, passcode }) => ({ email, pmi, passcode }))).toEqual(seeded.rooms);
      expect(rows[0]!.changes).toEqual([
        { field: "pmi", to: rows[0]!.pmi },
        { field: "link", to: expect.any(String) },
      ]);
      expect(await verifyPassword(rows[29]!.hash, SEED_PASSWORD, "known")).toBe(true);

      const emails = seeded.rooms.slice(0, 3).map((r) => r.email);
      expect([...(await updatesRecorded(url, emails))]).toEqual(emails.map((e) => [e, 0]));
      await client.query(
        `insert into room_changes (room_id, actor_id, kind, changes)
         select r.id, u.id, 'updated', '[]' from users u join rooms r on r.user_id = u.id where u.email = $1`,
        [emails[1]],
      );
      expect((await updatesRecorded(url, emails)).get(emails[1]!)).toBe(1);
    } finally {
      await client.end();
    }
  }, 120_000);
});
