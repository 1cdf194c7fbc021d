import { TZDate } from "@date-fns/tz";
import { RRule, type Weekday as RRuleWeekday } from "rrule";
import {
  MAX_OCCURRENCES,
  WEEKDAY_NAMES,
  parseLocalDate,
  parseLocalDateTime,
  type Recurrence,
  type Weekday,
} from "@/lib/validation/meeting";
import { listedTimeZone } from "@/lib/validation/time-zones";

// Series are expanded on the wall clock ("every Monday at 9:00") and only then placed in the meeting's
// zone, so a daylight-saving change moves the UTC instant and never the local time people agreed on.

const FREQ = { daily: RRule.DAILY, weekly: RRule.WEEKLY, monthly: RRule.MONTHLY } as const;
const DAYS: Record<Weekday, RRuleWeekday> = {
  MO: RRule.MO,
  TU: RRule.TU,
  WE: RRule.WE,
  TH: RRule.TH,
  FR: RRule.FR,
  SA: RRule.SA,
  SU: RRule.SU,
};

export type Schedule = { localStart: string; timeZone: string; recurrence: Recurrence | null };

/**
 * A stored zone in the list's spelling. Meetings saved before the list existed may hold any name Intl
 * accepted (`Asia/Calcutta`, `america/new_york`, `US/Pacific`): Intl resolves it, the list renames it.
 */
export function listedZoneOf(stored: string): string {
  const listed = listedTimeZone(stored);
  if (listed) return listed;
  try {
    const resolved = new Intl.DateTimeFormat("en", { timeZone: stored }).resolvedOptions().timeZone;
    return listedTimeZone(resolved) ?? resolved;
  } catch {
    return "UTC";
  }
}

/** A wall-clock time in a zone, as the UTC instant it names. */
export function wallToUtc(floating: Date, timeZone: string): Date {
  const d = new TZDate(
    floating.getUTCFullYear(),
    floating.getUTCMonth(),
    floating.getUTCDate(),
    floating.getUTCHours(),
    floating.getUTCMinutes(),
    floating.getUTCSeconds(),
    timeZone,
  );
  return new Date(d.getTime());
}

function floatingStart(localStart: string): Date {
  const parsed = parseLocalDateTime(localStart);
  if (!parsed) throw new Error(`Not a local date-time: ${localStart}`);
  return new Date(parsed.date.getTime() + (parsed.hour * 60 + parsed.minute) * 60_000);
}

function rule(schedule: Schedule & { recurrence: Recurrence }): RRule {
  const { recurrence } = schedule;
  const until = recurrence.until ? parseLocalDate(recurrence.until) : null;
  return new RRule({
    freq: FREQ[recurrence.frequency],
    dtstart: floatingStart(schedule.localStart),
    byweekday: recurrence.frequency === "weekly" ? recurrence.weekdays.map((d) => DAYS[d]) : null,
    count: recurrence.count ?? null,
    until: until ? new Date(until.getTime() + 86_399_000) : null,
  });
}

/** Every occurrence's start in UTC: one for a single meeting, at most 60 for a series however it ends. */
export function occurrences(schedule: Schedule): Date[] {
  if (!schedule.recurrence) return [wallToUtc(floatingStart(schedule.localStart), schedule.timeZone)];
  return rule({ ...schedule, recurrence: schedule.recurrence })
    .all((_, i) => i < MAX_OCCURRENCES)
    .map((d) => wallToUtc(d, schedule.timeZone));
}

/** The first occurrence that has not ended yet, or null when the whole series is over. */
export function nextOccurrence(schedule: Schedule, durationMinutes: number, now = new Date()): Date | null {
  return occurrences(schedule).find((start) => start.getTime() + durationMinutes * 60_000 > now.getTime()) ?? null;
}

/** The RRULE for calendars: UNTIL must be in UTC when DTSTART has a time zone (RFC 5545 §3.3.10). */
export function rruleFor(schedule: Schedule): string | null {
  const { recurrence } = schedule;
  if (!recurrence) return null;
  const parts = [`FREQ=${recurrence.frequency.toUpperCase()}`];
  if (recurrence.frequency === "weekly") parts.push(`BYDAY=${recurrence.weekdays.join(",")}`);
  if (recurrence.count) parts.push(`COUNT=${recurrence.count}`);
  const until = recurrence.until ? parseLocalDate(recurrence.until) : null;
  if (until) {
    const last = wallToUtc(new Date(until.getTime() + 86_399_000), schedule.timeZone);
    parts.push(
      `UNTIL=${last
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "")}`,
    );
  }
  return parts.join(";");
}

const dayList = new Intl.ListFormat("en", { type: "conjunction" });

/** "Every week on Monday and Wednesday, 10 times" */
export function describeRecurrence(recurrence: Recurrence | null): string {
  if (!recurrence) return "Does not repeat";
  const base =
    recurrence.frequency === "daily"
      ? "Every day"
      : recurrence.frequency === "monthly"
        ? "Every month"
        : `Every week on ${dayList.format(recurrence.weekdays.map((d) => WEEKDAY_NAMES[d]))}`;
  if (recurrence.count) return `${base}, ${recurrence.count} time${recurrence.count === 1 ? "" : "s"}`;
  return recurrence.until ? `${base}, until ${recurrence.until}` : base;
}

export function formatInZone(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(date);
}
