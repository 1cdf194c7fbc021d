import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { sessions, users } from "@/db/schema";
import { endSession, replaceAllSessions, sessionUser, startSession } from "@/lib/auth/sessions";
import { createUserWithRoom } from "@/lib/auth/users";
import { tempDatabase } from "../support/temp-db";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const IDLE = 7 * DAY;
const LIMITS = { idleMs: IDLE, maxAgeMs: 30 * DAY };
const t0 = new Date("2026-03-02T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

async function setup() {
  const { db, reopen } = await tempDatabase();
  const ada = await createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
  const grace = await createUserWithRoom(db, { email: "grace@example.edu", name: "Grace Hopper", passwordHash: "x" });
  const lastSeen = async () => (await db.select({ at: sessions.lastSeenAt }).from(sessions)).map((r) => r.at.getTime());
  return { db, reopen, ada, grace, lastSeen };
}

describe("server-side sessions", () => {
  it("a session signs its user in until it is ended, for every server process sharing the database", async () => {
    const { db, reopen, ada } = await setup();
    const other = reopen();
    const sid = await startSession(db, ada.id, LIMITS, t0);
    expect((await sessionUser(db, sid, LIMITS, at(HOUR)))?.email).toBe("ada@example.edu");
    expect((await sessionUser(other, sid, LIMITS, at(HOUR)))?.email).toBe("ada@example.edu");
    await endSession(other, sid);
    expect(await sessionUser(db, sid, LIMITS, at(HOUR))).toBeNull();
    expect(await sessionUser(db, "not-a-session-id", LIMITS, t0)).toBeNull();
  });

  it("keeps only a digest of the id, so the table alone signs nobody in", async () => {
    const { db, ada } = await setup();
    const sid = await startSession(db, ada.id, LIMITS, t0);
    const [row] = await db.select({ id: sessions.id }).from(sessions);
    expect(row?.id).not.toBe(sid);
    expect(await sessionUser(db, row!.id, LIMITS, t0)).toBeNull();
  });

  it("ends a session idle for 7 days, and deletes it", async () => {
    const { db, ada, lastSeen } = await setup();
    const sid = await startSession(db, ada.id, LIMITS, t0);
    // Used again after exactly 7 days: still good, and good for 7 more days from then, not a moment longer.
    expect(await sessionUser(db, sid, LIMITS, at(IDLE))).not.toBeNull();
    expect(await sessionUser(db, sid, LIMITS, at(2 * IDLE + 1))).toBeNull();
    expect(await lastSeen()).toEqual([]);
  });

  it("ends a session 30 days after sign-in, however often it is used", async () => {
    const { db, ada } = await setup();
    const sid = await startSession(db, ada.id, LIMITS, t0);
    for (let day = 1; day <= 30; day++) expect(await sessionUser(db, sid, LIMITS, at(day * DAY))).not.toBeNull();
    expect(await sessionUser(db, sid, LIMITS, at(30 * DAY + 1))).toBeNull();
    expect(await db.select().from(sessions)).toEqual([]);
  });

  it("writes last seen at most once an hour, so reads stay cheap", async () => {
    const { db, ada, lastSeen } = await setup();
    const sid = await startSession(db, ada.id, LIMITS, t0);
    await sessionUser(db, sid, LIMITS, at(30 * 60 * 1000));
    await sessionUser(db, sid, LIMITS, at(HOUR - 1));
    expect(await lastSeen()).toEqual([t0.getTime()]);
    await sessionUser(db, sid, LIMITS, at(HOUR));
    expect(await lastSeen()).toEqual([at(HOUR).getTime()]);
  });

  it("a new sign-in clears away sessions that have sat idle too long", async () => {
    const { db, ada, grace, lastSeen } = await setup();
    await startSession(db, ada.id, LIMITS, t0);
    await startSession(db, grace.id, LIMITS, at(IDLE + DAY));
    expect(await lastSeen()).toEqual([at(IDLE + DAY).getTime()]);
  });

  it("replacing every session ends the user's others and this one, leaves other users alone, and starts a fresh one", async () => {
    const { db, ada, grace } = await setup();
    const laptop = await startSession(db, ada.id, LIMITS, t0);
    const phone = await startSession(db, ada.id, LIMITS, t0);
    const graces = await startSession(db, grace.id, LIMITS, t0);
    const fresh = await replaceAllSessions(db, ada.id, undefined, at(HOUR));
    for (const ended of [laptop, phone]) expect(await sessionUser(db, ended, LIMITS, at(HOUR))).toBeNull();
    expect((await sessionUser(db, fresh, LIMITS, at(HOUR)))?.id).toBe(ada.id);
    expect((await sessionUser(db, graces, LIMITS, at(HOUR)))?.id).toBe(grace.id);
  });

  it("a change made alongside happens with the sign-outs or not at all", async () => {
    const { db, ada } = await setup();
    const laptop = await startSession(db, ada.id, LIMITS, t0);
    await expect(
      replaceAllSessions(db, ada.id, async (tx) => {
        await tx.update(users).set({ passwordHash: "new" }).where(eq(users.id, ada.id));
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect((await sessionUser(db, laptop, LIMITS, t0))?.passwordHash).toBe("x");
    await replaceAllSessions(db, ada.id, (tx) =>
      tx.update(users).set({ passwordHash: "new" }).where(eq(users.id, ada.id)),
    );
    expect(await sessionUser(db, laptop, LIMITS, t0)).toBeNull();
  });

  it("a deleted account's sessions go with it", async () => {
    const { db, ada } = await setup();
    const sid = await startSession(db, ada.id, LIMITS, t0);
    await db.delete(users).where(eq(users.id, ada.id));
    expect(await sessionUser(db, sid, LIMITS, t0)).toBeNull();
  });
});
