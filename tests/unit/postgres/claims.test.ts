import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { count, eq } from "drizzle-orm";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { closeDatabase, type Db } from "@/db";
import { attendees, roomChanges, roomHolds, rooms } from "@/db/schema";
import { createUserWithRoom } from "@/lib/auth/users";
import { attemptJoin } from "@/lib/join/service";
import { pmiAvailable } from "@/lib/room/availability";
import { generatePmi } from "@/lib/validation";
import { tempServerDatabase } from "../../support/temp-pg";

process.env.AUTH_SECRET ??= "unit-test-secret-0123456789abcdefghijklmnopqrstuvwxyz";
process.env.JOIN_WAITING_MAX = "5";

const opened: Db[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map(closeDatabase));
});

async function twoOwners() {
  const { db, url } = await tempServerDatabase();
  opened.push(db);
  const ada = await createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
  const grace = await createUserWithRoom(db, { email: "grace@example.edu", name: "Grace Hopper", passwordHash: "x" });
  const room = async (userId: number) => (await db.select().from(rooms).where(eq(rooms.userId, userId)))[0]!;
  return { db, url, ada, grace, room };
}

/** Waits until `n` backends wait for a lock. */
async function waitForLockWaits(client: pg.Client, n: number) {
  for (let i = 0; i < 600; i++) {
    const { rows } = await client.query("select count(*)::int as n from pg_locks where not granted");
    if (rows[0].n >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${n} lock waits never came`);
}

describe("concurrent claims on PostgreSQL", () => {
  it("two server processes claiming one free PMI at once: exactly one gets it, the other changes nothing", async () => {
    const { db, url, ada, grace, room } = await twoOwners();
    const before = { ada: await room(ada.id), grace: await room(grace.id) };
    let pmi = generatePmi();
    while (!(await pmiAvailable(db, pmi, 0))) pmi = generatePmi();

    // Both claims pass their "is it free?" check, then each holds its old PMI: rows this connection has
    // inserted and not committed, so both wait there until it rolls back, and then race for the same PMI.
    const blocker = new pg.Client(url);
    await blocker.connect();
    await blocker.query("begin");
    await blocker.query(
      "insert into room_holds (kind, value, user_id, expires_at) values ('pmi', $1, $2, now()), ('pmi', $3, $4, now())",
      [before.ada.pmi, ada.id, before.grace.pmi, grace.id],
    );
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    const worker = path.join(process.cwd(), "tests", "support", "claim-worker.ts");
    const claim = (userId: number, link: string) =>
      promisify(execFile)(tsx, ["--conditions=react-server", worker, url, String(userId), pmi, link], {
        env: { ...process.env, DATABASE_URL: url },
      });
    const claims = Promise.all([claim(ada.id, before.ada.link), claim(grace.id, before.grace.link)]);
    await waitForLockWaits(blocker, 2);
    await blocker.query("rollback");
    await blocker.end();
    const outcomes = (await claims).map((r) => JSON.parse(r.stdout.trim()));

    const refused = { ok: false, refusals: [{ field: "pmi", rule: "pmi-in-use" }] };
    expect(outcomes).toContainEqual({ ok: true });
    expect(outcomes).toContainEqual(refused);
    const [winner, loser] = outcomes[0].ok ? [ada, grace] : [grace, ada];
    const loserBefore = loser === ada ? before.ada : before.grace;
    expect((await room(winner.id)).pmi).toBe(pmi);
    expect(await room(loser.id)).toEqual(loserBefore);
    expect(await db.select().from(roomHolds).where(eq(roomHolds.userId, loser.id))).toEqual([]);
    const loserHistory = await db.select().from(roomChanges).where(eq(roomChanges.roomId, loserBefore.id));
    expect(loserHistory.map((c) => c.kind)).toEqual(["created"]);
  }, 120_000);

  it("guests joining one room at the same moment never overfill its waiting room", async () => {
    const { db, ada, room } = await twoOwners();
    const { pmi, passcode } = await room(ada.id);
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        attemptJoin(db, {
          kind: "id",
          raw: pmi,
          passcode: passcode!,
          client: `198.51.100.${i}`,
          name: `Guest ${i}`,
          token: `guest-${i}`.padEnd(43, "x"),
          passFor: () => undefined,
        }),
      ),
    );
    const kinds = outcomes.map((o) => o.kind).sort();
    expect(kinds).toEqual([...Array(7).fill("full"), ...Array(5).fill("joined")]);
    const [waiting] = await db.select({ n: count() }).from(attendees).where(eq(attendees.status, "waiting"));
    expect(waiting!.n).toBe(5);
  }, 60_000);
});
