import "server-only";
import { randomInt } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { TZDate } from "@date-fns/tz";
import ical, { escape, ICalCalendarMethod } from "ical-generator";
import type { Db } from "@/db";
import { withTransaction } from "@/db/transaction";
import { roomOfUser } from "@/lib/room-service";
import { meetings, rooms, type Meeting, type Room } from "@/db/schema";
import { listedZoneOf, nextOccurrence, occurrences, rruleFor } from "@/lib/meeting-time";
import type { MeetingInput } from "@/lib/validation/meeting";
import { formatMeetingId } from "@/lib/validation/meeting";
import { formatPmi } from "@/lib/validation/pmi";
import { vtimezone } from "@/lib/vtimezone";

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
    const [meeting] = await tx.insert(meetings).values({ userId, roomId: room.id, meetingId, ...values(input) }).returning();
    return meeting!;
  });
}

/** Edits keep a generated ID for good; a meeting moved off the PMI gets one, a meeting moved onto it drops it. */
export async function updateMeeting(db: Db, userId: number, id: number, input: MeetingInput): Promise<Meeting | null> {
  return withTransaction(db, async (tx) => {
    const [current] = await tx.select().from(meetings).where(and(eq(meetings.id, id), eq(meetings.userId, userId))).limit(1);
    if (!current) return null;
    const meetingId = input.usesPmi ? null : (current.meetingId ?? (await generateMeetingId(tx)));
    const [updated] = await tx.update(meetings).set({ meetingId, ...values(input) }).where(eq(meetings.id, id)).returning();
    return updated ?? null;
  });
}

export async function deleteMeeting(db: Db, userId: number, id: number): Promise<boolean> {
  const deleted = await withTransaction(db, (tx) =>
    tx.delete(meetings).where(and(eq(meetings.id, id), eq(meetings.userId, userId))).returning({ id: meetings.id }),
  );
  return deleted.length > 0;
}

export type MeetingView = Meeting & { room: Room; joinId: string; joinIdFormatted: string; next: Date | null };

function view(stored: Meeting, room: Room, now: Date): MeetingView {
  const meeting = { ...stored, timeZone: listedZoneOf(stored.timeZone) };
  const joinId = meeting.usesPmi ? room.pmi : meeting.meetingId!;
  return {
    ...meeting,
    room,
    joinId,
    joinIdFormatted: meeting.usesPmi ? formatPmi(joinId) : formatMeetingId(joinId),
    next: nextOccurrence({ localStart: meeting.localStart, timeZone: meeting.timeZone, recurrence: meeting.recurrence }, meeting.durationMinutes, now),
  };
}

/** Only the owner's own meeting; anyone else's id answers exactly like one that does not exist. */
export async function meetingForOwner(db: Db, userId: number, id: number, now = new Date()): Promise<MeetingView | null> {
  const [row] = await db
    .select({ meeting: meetings, room: rooms })
    .from(meetings)
    .innerJoin(rooms, eq(rooms.id, meetings.roomId))
    .where(and(eq(meetings.id, id), eq(meetings.userId, userId)))
    .limit(1);
  return row ? view(row.meeting, row.room, now) : null;
}

/** Upcoming meetings by next occurrence, and the past ones (most recent first). */
export async function meetingsForOwner(db: Db, userId: number, now = new Date()) {
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

export function joinUrl(meeting: MeetingView, origin: string): string {
  const passcode = meeting.usesPmi ? meeting.room.passcode : meeting.passcode;
  return `${origin}/j/${meeting.joinId}${passcode ? `?pwd=${encodeURIComponent(passcode)}` : ""}`;
}

export function invitationText(meeting: MeetingView, host: string, origin: string, when: string): string {
  const passcode = meeting.usesPmi ? meeting.room.passcode : meeting.passcode;
  return [
    `${host} is inviting you to a scheduled meeting.`,
    "",
    `Topic: ${meeting.title}`,
    `Time: ${when}`,
    "",
    `Join: ${joinUrl(meeting, origin)}`,
    `Meeting ID: ${meeting.joinIdFormatted}`,
    passcode ? `Passcode: ${passcode}` : "No passcode: the host admits you from the waiting room.",
  ].join("\n");
}

/** An RFC 5545 calendar with one event (and its RRULE for a series), as calendar apps expect it. */
export function meetingCalendar(meeting: MeetingView, host: string, origin: string): string {
  // ical-generator escapes event text but writes NAME and X-WR-CALNAME as given: a line break would start a new line.
  const calendar = ical({ name: escape(meeting.title, false), prodId: { company: "Roomdesk", product: "Roomdesk" }, method: ICalCalendarMethod.PUBLISH });
  // No calendar-wide zone (it would print UTC times without their Z); each event's zone gets its VTIMEZONE.
  calendar.timezone({ name: null, generator: (zone) => vtimezone(zone, meeting.startsAt, meeting.endsAt) });
  const utc = meeting.timeZone === "UTC";
  const at = (ms: number) => (utc ? new Date(ms) : new TZDate(ms, meeting.timeZone));
  const rrule = rruleFor({ localStart: meeting.localStart, timeZone: meeting.timeZone, recurrence: meeting.recurrence });
  calendar.createEvent({
    id: `meeting-${meeting.id}@roomdesk`,
    // TZDate carries the zone, so the file says 09:00 America/New_York rather than 14:00 with a zone label.
    start: at(meeting.startsAt.getTime()),
    end: at(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000),
    timezone: utc ? null : meeting.timeZone,
    summary: meeting.title,
    description: invitationText(meeting, host, origin, "see the calendar entry"),
    url: joinUrl(meeting, origin),
    repeating: rrule ? `RRULE:${rrule}` : undefined,
  });
  return calendar.toString();
}
