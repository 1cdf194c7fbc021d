import "server-only";
import { db } from "@/db";
import { requireUser } from "@/lib/auth";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { meetings, rooms, type Meeting, type Room } from "@/db/schema";
import type { MeetingView } from "@/lib/meetings/calendar";
import { listedZoneOf, nextOccurrence } from "@/lib/meetings/time";
import { formatMeetingId } from "@/lib/validation/meeting";
import { formatPmi } from "@/lib/validation/pmi";

/** The signed-in owner's meeting by its record id as it appears in a URL; null for anyone else's or none. */
export async function myMeeting(param: string): Promise<MeetingView | null> {
  const user = await requireUser();
  const id = /^\d{1,12}$/.test(param) ? Number(param) : NaN;
  return Number.isSafeInteger(id) ? meetingForOwner(db(), user.id, id) : null;
}

export async function myMeetings() {
  const user = await requireUser();
  return meetingsForOwner(db(), user.id);
}

/** The zone of the owner's last scheduled meeting: the scheduling form's default. */
export async function myLastTimeZone(): Promise<string | null> {
  const user = await requireUser();
  return lastTimeZone(db(), user.id);
}

function view(stored: Meeting, room: Room, now: Date): MeetingView {
  const meeting = { ...stored, timeZone: listedZoneOf(stored.timeZone) };
  const joinId = meeting.usesPmi ? room.pmi : meeting.meetingId!;
  return {
    ...meeting,
    room,
    joinId,
    joinIdFormatted: meeting.usesPmi ? formatPmi(joinId) : formatMeetingId(joinId),
    next: nextOccurrence(
      { localStart: meeting.localStart, timeZone: meeting.timeZone, recurrence: meeting.recurrence },
      meeting.durationMinutes,
      now,
    ),
  };
}

/** Only the owner's own meeting; anyone else's id answers exactly like one that does not exist. */
export async function meetingForOwner(
  db: Db,
  userId: number,
  id: number,
  now = new Date(),
): Promise<MeetingView | null> {
  const [row] = await db
    .select({ meeting: meetings, room: rooms })
    .from(meetings)
    .innerJoin(rooms, eq(rooms.id, meetings.roomId))
    .where(and(eq(meetings.id, id), eq(meetings.userId, userId)))
    .limit(1);
  return row ? view(row.meeting, row.room, now) : null;
}

/** Upcoming meetings by next occurrence, and the past ones (most recent first). */
async function meetingsForOwner(db: Db, userId: number, now = new Date()) {
  const stored = await db
    .select({ meeting: meetings, room: rooms })
    .from(meetings)
    .innerJoin(rooms, eq(rooms.id, meetings.roomId))
    .where(eq(meetings.userId, userId))
    .orderBy(desc(meetings.startsAt));
  const rows = stored.map((r) => view(r.meeting, r.room, now));
  const upcoming = rows.filter((m) => m.next).sort((a, b) => a.next!.getTime() - b.next!.getTime());
  const past = rows.filter((m) => !m.next).sort((a, b) => b.endsAt.getTime() - a.endsAt.getTime());
  return { upcoming, past };
}

/** The time zone of the owner's most recently scheduled meeting, the form's default. */
export async function lastTimeZone(db: Db, userId: number): Promise<string | null> {
  const [last] = await db
    .select({ tz: meetings.timeZone })
    .from(meetings)
    .where(eq(meetings.userId, userId))
    .orderBy(desc(meetings.createdAt), desc(meetings.id))
    .limit(1);
  return last ? listedZoneOf(last.tz) : null;
}
