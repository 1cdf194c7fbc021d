import "server-only";
import { generatePasscode } from "@/lib/validation/generate";
import { TIME_ZONES } from "@/lib/validation/time-zones";
import type { Meeting } from "@/db/schema";
import type { MeetingDefaults } from "./meeting-form";

/** The zones the picker offers: the same list the schema accepts, UTC first. */
export function timeZones(): string[] {
  return [...TIME_ZONES];
}

/** Tomorrow at 09:00 on the wall clock of `timeZone`, as a datetime-local value. */
function tomorrowMorning(timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(Date.now() + 86_400_000));
  return `${parts}T09:00`;
}

export function newMeetingDefaults(lastZone: string | null): MeetingDefaults {
  const timeZone = lastZone ?? "UTC";
  return {
    title: "",
    start: tomorrowMorning(timeZone),
    duration: "60",
    timeZone,
    timeZoneKnown: lastZone !== null,
    meetingIdType: "generate",
    recurrence: "none",
    weekdays: [],
    ends: "count",
    count: "10",
    endDate: "",
    passcode: generatePasscode(),
    waitingRoom: true,
  };
}

/** A meeting as read through lib/meetings, whose zone is already in the list's spelling. */
export function editMeetingDefaults(meeting: Meeting): MeetingDefaults {
  const r = meeting.recurrence;
  return {
    meeting: meeting.id,
    title: meeting.title,
    start: meeting.localStart,
    duration: String(meeting.durationMinutes),
    timeZone: meeting.timeZone,
    timeZoneKnown: true,
    meetingIdType: meeting.usesPmi ? "pmi" : "generate",
    recurrence: r ? r.frequency : "none",
    weekdays: r?.weekdays ?? [],
    ends: r?.until ? "date" : "count",
    count: String(r?.count ?? 10),
    endDate: r?.until ?? "",
    passcode: meeting.passcode ?? generatePasscode(),
    waitingRoom: meeting.waitingRoom,
  };
}
