import "server-only";
import { randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { withTransaction } from "@/db/transaction";
import { roomOfUser } from "@/lib/room/service";
import { meetings, type Meeting } from "@/db/schema";
import { occurrences } from "@/lib/meetings/time";
import type { MeetingInput } from "@/lib/validation/meeting";
import { notifyUser } from "@/lib/mail/outbox";
import { originUnknown, passcodeChange, type Origin } from "@/lib/mail/messages";

/** An 11-digit meeting ID from a crypto source, unique among meetings (a PMI has 10 digits, so never equal). */
export async function generateMeetingId(tx: Pick<Db, "select">): Promise<string> {
  for (;;) {
    const id = String(randomInt(1, 10)) + Array.from({ length: 10 }, () => randomInt(0, 10)).join("");
    const [taken] = await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.meetingId, id)).limit(1);
    if (!taken) return id;
  }
}

function timing(input: MeetingInput) {
  const schedule = { localStart: input.start, timeZone: input.timeZone, recurrence: input.recurrence };
  const starts = occurrences(schedule);
  const last = starts[starts.length - 1] ?? starts[0]!;
  return { startsAt: starts[0]!, endsAt: new Date(last.getTime() + input.duration * 60_000) };
}

function values(input: MeetingInput) {
  return {
    title: input.title,
    localStart: input.start,
    timeZone: input.timeZone,
    durationMinutes: input.duration,
    recurrence: input.recurrence,
    usesPmi: input.usesPmi,
    passcode: input.usesPmi ? null : input.passcode,
    waitingRoom: input.usesPmi ? true : input.waitingRoom,
    ...timing(input),
  };
}

export async function createMeeting(db: Db, userId: number, input: MeetingInput): Promise<Meeting> {
  return withTransaction(db, async (tx) => {
    const room = await roomOfUser(tx, userId);
    const meetingId = input.usesPmi ? null : await generateMeetingId(tx);
    const [meeting] = await tx
      .insert(meetings)
      .values({ userId, roomId: room.id, meetingId, ...values(input) })
      .returning();
    return meeting!;
  });
}

/**
 * Edits keep a generated ID for good; a meeting moved off the PMI gets one, a meeting moved onto it drops it.
 * A new passcode on a meeting of its own is news for the owner, like the room's (never the passcode itself).
 */
export async function updateMeeting(
  db: Db,
  userId: number,
  id: number,
  input: MeetingInput,
  origin: Origin = originUnknown(),
): Promise<Meeting | null> {
  return withTransaction(db, async (tx) => {
    const [current] = await tx
      .select()
      .from(meetings)
      .where(and(eq(meetings.id, id), eq(meetings.userId, userId)))
      .limit(1);
    if (!current) return null;
    const meetingId = input.usesPmi ? null : (current.meetingId ?? (await generateMeetingId(tx)));
    const [updated] = await tx
      .update(meetings)
      .set({ meetingId, ...values(input) })
      .where(eq(meetings.id, id))
      .returning();
    if (updated && !current.usesPmi && !updated.usesPmi && current.passcode !== updated.passcode) {
      const change = passcodeChange({
        field: "passcode",
        from: current.passcode ? "set" : "none",
        to: updated.passcode ? "set" : "none",
      });
      await notifyUser(tx, userId, { kind: "passcode-changed", payload: { change, meeting: updated.title, origin } });
    }
    return updated ?? null;
  });
}

export async function deleteMeeting(db: Db, userId: number, id: number): Promise<boolean> {
  const deleted = await withTransaction(db, (tx) =>
    tx
      .delete(meetings)
      .where(and(eq(meetings.id, id), eq(meetings.userId, userId)))
      .returning({ id: meetings.id }),
  );
  return deleted.length > 0;
}
