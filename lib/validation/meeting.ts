import { z } from "zod";
import { passcodeProblems } from "./passcode";
import { ruleById } from "./rules";
import { checkbox } from "./room";
import { textSchema } from "./text";
import { timeZoneSchema } from "./time-zones";

// Meeting rules (SPEC §4), shared by the scheduling form and the meeting actions like the room rules.

export const TITLE_MAX = 200;
export const MAX_OCCURRENCES = 60;
const DURATION_MIN = 15;
const DURATION_MAX = 1440;
// Calendar files write four-digit years, and nobody schedules a meeting for 0100 or 9999 on purpose.
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;
export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_NAMES: Record<Weekday, string> = {
  MO: "Monday",
  TU: "Tuesday",
  WE: "Wednesday",
  TH: "Thursday",
  FR: "Friday",
  SA: "Saturday",
  SU: "Sunday",
};
type Frequency = "daily" | "weekly" | "monthly";

/** `12345678901` -> `123 4567 8901` (a PMI keeps its own 3-3-4). */
export function formatMeetingId(id: string): string {
  return /^\d{11}$/.test(id) ? `${id.slice(0, 3)} ${id.slice(3, 7)} ${id.slice(7)}` : id;
}

const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day as a UTC date, for wall-clock arithmetic that no time zone can shift. */
function day(y: number, m: number, d: number): Date | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
}

export function parseLocalDateTime(value: string): { date: Date; hour: number; minute: number } | null {
  const m = LOCAL_DATETIME.exec(value);
  if (!m) return null;
  const date = day(Number(m[1]), Number(m[2]), Number(m[3]));
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  return date && hour < 24 && minute < 60 ? { date, hour, minute } : null;
}

export function parseLocalDate(value: string): Date | null {
  const m = LOCAL_DATE.exec(value);
  return m ? day(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

export type Recurrence = { frequency: Frequency; weekdays: Weekday[]; until?: string; count?: number };

/**
 * How many occurrences a series has, counted on the calendar (RFC 5545 semantics: a monthly series on the
 * 31st skips shorter months), stopping once it passes the limit. Wall-clock days, so no zone can change it.
 */
export function countOccurrences(start: Date, recurrence: Recurrence, limit = MAX_OCCURRENCES + 1): number {
  const until = recurrence.until ? parseLocalDate(recurrence.until) : null;
  const startDay = start.getUTCDate();
  let count = 0;
  for (let d = new Date(start); count < limit; d = new Date(d.getTime() + 86_400_000)) {
    if (until && d > until) break;
    if (recurrence.count !== undefined && count >= recurrence.count) break;
    const weekday = WEEKDAYS[(d.getUTCDay() + 6) % 7]!;
    const matches =
      recurrence.frequency === "daily" ||
      (recurrence.frequency === "weekly" && recurrence.weekdays.includes(weekday)) ||
      (recurrence.frequency === "monthly" && d.getUTCDate() === startDay);
    if (matches) count++;
    if (!until && recurrence.count === undefined) break;
  }
  return count;
}

const optionalText = z
  .string()
  .max(200)
  .optional()
  .transform((v) => v?.trim() ?? "");
const START = "Choose a start date and time.";
const START_YEARS = `Choose a start in the years ${YEAR_MIN} to ${YEAR_MAX}.`;
const DURATION = "Enter the duration as a whole number of minutes.";

export const meetingSchema = z
  .object({
    title: textSchema({ max: TITLE_MAX, blank: "Give the meeting a title." }),
    start: z
      .string({ error: START })
      .max(40, { error: START })
      .superRefine((value, ctx) => {
        const parsed = parseLocalDateTime(value);
        if (!parsed) ctx.addIssue({ code: "custom", message: START });
        else if (parsed.date.getUTCFullYear() < YEAR_MIN || parsed.date.getUTCFullYear() > YEAR_MAX)
          ctx.addIssue({ code: "custom", message: START_YEARS });
      }),
    // Digits only: Number() would also read "0x20", "1e2" or " 60" as minutes.
    duration: z
      .string({ error: DURATION })
      .regex(/^[0-9]+$/, { error: DURATION })
      .transform(Number)
      .pipe(
        z
          .number()
          .min(DURATION_MIN, { error: `A meeting lasts at least ${DURATION_MIN} minutes.` })
          .max(DURATION_MAX, { error: `A meeting lasts at most ${DURATION_MAX} minutes (24 hours).` }),
      ),
    timeZone: timeZoneSchema,
    meetingIdType: z.enum(["generate", "pmi"], { error: "Choose how the meeting ID is made." }),
    recurrence: z
      .enum(["none", "daily", "weekly", "monthly"], { error: "Choose how often it repeats." })
      .default("none"),
    ends: z.enum(["count", "date"]).default("count"),
    endDate: optionalText,
    count: optionalText,
    passcode: optionalText,
    waitingRoom: checkbox,
    ...Object.fromEntries(WEEKDAYS.map((d) => [`day${d}`, checkbox])),
  })
  .transform((v, ctx) => {
    const weekdays = WEEKDAYS.filter((d) => (v as Record<string, unknown>)[`day${d}`] === true);
    let recurrence: Recurrence | null = null;
    if (v.recurrence !== "none") {
      recurrence = { frequency: v.recurrence, weekdays };
      if (v.recurrence === "weekly" && weekdays.length === 0) {
        ctx.addIssue({ code: "custom", path: ["weekdays"], message: "Pick at least one day of the week." });
      }
      if (v.ends === "count") {
        const count = Number(v.count);
        if (!/^\d+$/.test(v.count) || count < 1 || count > MAX_OCCURRENCES) {
          ctx.addIssue({
            code: "custom",
            path: ["count"],
            message: `Enter a number of occurrences from 1 to ${MAX_OCCURRENCES}.`,
          });
        } else recurrence.count = count;
      } else {
        const start = parseLocalDateTime(v.start);
        const end = parseLocalDate(v.endDate);
        if (!end) ctx.addIssue({ code: "custom", path: ["endDate"], message: "Choose the date of the last meeting." });
        else if (start && end < start.date)
          ctx.addIssue({ code: "custom", path: ["endDate"], message: "The end date is before the start." });
        else if (start) {
          recurrence.until = v.endDate;
          if (countOccurrences(start.date, recurrence) > MAX_OCCURRENCES) {
            ctx.addIssue({
              code: "custom",
              path: ["endDate"],
              message: `A series has at most ${MAX_OCCURRENCES} meetings: choose an earlier end date.`,
            });
          }
        }
      }
    }
    // A regular meeting always has a passcode; a meeting on the PMI uses the room's settings instead.
    let passcode: string | null = null;
    if (v.meetingIdType === "generate") {
      if (!v.passcode)
        ctx.addIssue({ code: "custom", path: ["passcode"], message: "Regular meetings always have a passcode." });
      else {
        const problem = passcodeProblems(v.passcode)[0];
        if (problem)
          ctx.addIssue({
            code: "custom",
            path: ["passcode"],
            message: ruleById(problem).message,
            params: { rule: problem },
          });
        else passcode = v.passcode;
      }
    }
    return {
      title: v.title,
      start: v.start,
      duration: v.duration,
      timeZone: v.timeZone,
      usesPmi: v.meetingIdType === "pmi",
      recurrence,
      passcode,
      waitingRoom: v.waitingRoom,
    };
  });

export type MeetingInput = z.output<typeof meetingSchema>;
