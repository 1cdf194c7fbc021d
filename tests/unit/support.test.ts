import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { databaseError } from "@/db/errors";
import { rooms, supportAccessLog } from "@/db/schema";
import { createUserWithRoom } from "@/lib/auth/users";
import { votablePages } from "@/lib/help/pages";
import { recordVote } from "@/lib/help/votes";
import { createMeeting } from "@/lib/meetings/service";
import { findUser, logAccess, voteTotals } from "@/lib/support/service";
import { meetingSchema } from "@/lib/validation/meeting";
import { tempDatabase } from "../support/temp-db";

/** The database's own message for a refused statement (Drizzle wraps it in one naming the query). */
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => "accepted",
    (error: unknown) => databaseError(error)?.message ?? String(error),
  );

describe("support look-ups", () => {
  it("find an account by email in any case, by PMI or meeting ID as pasted, by link, or by join URL", async () => {
    const { db } = await tempDatabase();
    const ada = await createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
    const [room] = await db.select().from(rooms).where(eq(rooms.userId, ada.id));
    const input = meetingSchema.safeParse({
      title: "Office hours",
      start: "2030-03-02T09:00",
      duration: "60",
      timeZone: "UTC",
      meetingIdType: "generate",
      passcode: "Secret_99",
    });
    if (!input.success) throw input.error;
    const meeting = await createMeeting(db, ada.id, input.data);
    const pmi = room!.pmi;
    const spaced = `${pmi.slice(0, 3)} ${pmi.slice(3, 6)}-${pmi.slice(6)}`;
    for (const [query, matchedBy] of [
      ["ADA@Example.edu", "email"],
      [spaced, "pmi"],
      [meeting.meetingId!, "meeting"],
      ["Ada.Lovelace", "link"],
      [`https://rooms.example.edu/my/${room!.link}`, "link"],
      [`https://rooms.example.edu/j/${pmi}`, "pmi"],
    ] as const) {
      expect(await findUser(db, query)).toMatchObject({ user: { id: ada.id }, room: { pmi }, matchedBy });
    }
    expect(await findUser(db, "nobody@example.edu")).toBeNull();
  });

  it("every look-up is logged, and the log refuses changes and deletions", async () => {
    const { db } = await tempDatabase();
    const staff = await createUserWithRoom(db, {
      email: "support@example.edu",
      name: "Support Desk",
      passwordHash: "x",
      role: "support",
    });
    await logAccess(db, { supportUserId: staff.id, targetUserId: null, query: "ada@example.edu" });
    expect(await refusal(db.update(supportAccessLog).set({ query: "x" }))).toMatch(/append-only/);
    expect(await refusal(db.delete(supportAccessLog))).toMatch(/append-only/);
    expect(await db.select({ query: supportAccessLog.query }).from(supportAccessLog)).toEqual([
      { query: "ada@example.edu" },
    ]);
  });

  it("totals helpful votes per page, most helpful first, a visitor's second answer of the day replacing the first", async () => {
    const { db } = await tempDatabase();
    const [first, second] = votablePages();
    const day = "2030-03-02";
    const vote = (page: string, visitor: string, helpful: boolean) => recordVote(db, { page, visitor, day, helpful });
    await vote(first!.path, "v1", true);
    await vote(first!.path, "v2", false);
    await vote(first!.path, "v2", true);
    await vote(second!.path, "v1", true);
    await vote(second!.path, "v3", false);
    expect(await voteTotals(db)).toEqual([
      { path: first!.path, title: first!.title, yes: 2, no: 0, share: 1 },
      { path: second!.path, title: second!.title, yes: 1, no: 1, share: 0.5 },
    ]);
  });
});
