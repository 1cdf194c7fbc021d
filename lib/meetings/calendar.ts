import { TZDate } from "@date-fns/tz";
import ical, { escape, ICalCalendarMethod } from "ical-generator";
import type { Meeting, Room } from "@/db/schema";
import { rruleFor } from "@/lib/meetings/time";
import { composeInvitation } from "@/lib/room/invitation";
import { vtimezone } from "@/lib/meetings/vtimezone";

/** A meeting as pages show it: its room, the ID guests dial (the PMI or its own), and its next occurrence. */
export type MeetingView = Meeting & { room: Room; joinId: string; joinIdFormatted: string; next: Date | null };

/** A meeting on the PMI uses the room's passcode; a regular meeting has its own. */
const meetingPasscode = (meeting: MeetingView) => (meeting.usesPmi ? meeting.room.passcode : meeting.passcode);

export function joinUrl(meeting: MeetingView, origin: string): string {
  const passcode = meetingPasscode(meeting);
  return `${origin}/j/${meeting.joinId}${passcode ? `?pwd=${encodeURIComponent(passcode)}` : ""}`;
}

export function invitationText(meeting: MeetingView, host: string, origin: string, when: string): string {
  return composeInvitation({
    intro: `${host} is inviting you to a scheduled meeting.`,
    details: [`Topic: ${meeting.title}`, `Time: ${when}`],
    joinUrl: `${origin}/j/${meeting.joinId}`,
    meetingId: meeting.joinIdFormatted,
    passcode: meetingPasscode(meeting),
  });
}

/** An RFC 5545 calendar with one event (and its RRULE for a series), as calendar apps expect it. */
export function meetingCalendar(meeting: MeetingView, host: string, origin: string): string {
  // ical-generator escapes event text but writes NAME and X-WR-CALNAME as given: a line break would start a new line.
  const calendar = ical({
    name: escape(meeting.title, false),
    prodId: { company: "Roomdesk", product: "Roomdesk" },
    method: ICalCalendarMethod.PUBLISH,
  });
  // No calendar-wide zone (it would print UTC times without their Z); each event's zone gets its VTIMEZONE.
  calendar.timezone({ name: null, generator: (zone) => vtimezone(zone, meeting.startsAt, meeting.endsAt) });
  const utc = meeting.timeZone === "UTC";
  const at = (ms: number) => (utc ? new Date(ms) : new TZDate(ms, meeting.timeZone));
  const rrule = rruleFor({
    localStart: meeting.localStart,
    timeZone: meeting.timeZone,
    recurrence: meeting.recurrence,
  });
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
