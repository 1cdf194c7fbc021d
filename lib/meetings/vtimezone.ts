import "server-only";
import { tzOffset } from "@date-fns/tz";

// A VTIMEZONE (RFC 5545 §3.6.5) written from the runtime's own time zone data, the same data that turned the
// meeting's wall-clock start into the stored instant, so a calendar app and Roomdesk always agree. (A packaged
// set of .ics zone files was stale for dozens of zones, Mexico City and Cairo among them, and lacked new ones.)

const MINUTE = 60_000;
const DAY = 86_400_000;

type Transition = { at: number; from: number; to: number };

/** The offset in minutes east of UTC at an instant. */
const offsetAt = (zone: string, ms: number) => tzOffset(zone, new Date(ms));

/** Every offset change in [from, to), found day by day and then to the minute (no zone changes twice a day). */
function transitions(zone: string, from: number, to: number): Transition[] {
  const found: Transition[] = [];
  let before = offsetAt(zone, from);
  for (let day = from; day < to; day += DAY) {
    const after = offsetAt(zone, day + DAY);
    if (after === before) continue;
    let lo = day;
    let hi = day + DAY;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (offsetAt(zone, mid) === before) lo = mid;
      else hi = mid;
    }
    found.push({ at: hi, from: before, to: offsetAt(zone, hi) });
    before = after;
  }
  return found;
}

function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${minutes < 0 ? "-" : "+"}${two(Math.floor(abs / 60))}${two(abs % 60)}`;
}

/** An observance's DTSTART is the wall-clock time of its onset in the offset that was in force before it. */
function localStamp(ms: number, offset: number): string {
  return new Date(ms + offset * MINUTE).toISOString().slice(0, 19).replace(/[-:]/g, "");
}

const abbreviations = new Map<string, Intl.DateTimeFormat>();

function abbreviation(zone: string, ms: number): string {
  let format = abbreviations.get(zone);
  if (!format)
    abbreviations.set(zone, (format = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "short" })));
  const parts = format.formatToParts(ms);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? formatOffset(offsetAt(zone, ms));
}

/** Daylight time is the larger of a year's offsets; a zone that keeps one offset all year has only standard time. */
function isDaylight(zone: string, ms: number, offset: number): boolean {
  const year = new Date(ms).getUTCFullYear();
  return offset > Math.min(offsetAt(zone, Date.UTC(year, 0, 1)), offsetAt(zone, Date.UTC(year, 6, 1)));
}

function observance(zone: string, t: Transition): string[] {
  const kind = isDaylight(zone, t.at, t.to) ? "DAYLIGHT" : "STANDARD";
  return [
    `BEGIN:${kind}`,
    `DTSTART:${localStamp(t.at, t.from)}`,
    `TZOFFSETFROM:${formatOffset(t.from)}`,
    `TZOFFSETTO:${formatOffset(t.to)}`,
    `TZNAME:${abbreviation(zone, t.at)}`,
    `END:${kind}`,
  ];
}

/**
 * The zone's rules for every whole year from `first` to `last` (a series' first and last occurrence): the offset
 * in force when the range opens, then each change. Null for UTC, whose times are written with a `Z` instead.
 */
export function vtimezone(zone: string, first: Date, last: Date): string | null {
  if (zone === "UTC" || Number.isNaN(offsetAt(zone, first.getTime()))) return null;
  const from = Date.UTC(first.getUTCFullYear(), 0, 1) - DAY;
  const to = Date.UTC(last.getUTCFullYear() + 1, 0, 1) + DAY;
  const opening = offsetAt(zone, from);
  const lines = [
    "BEGIN:VTIMEZONE",
    `TZID:${zone}`,
    ...observance(zone, { at: from, from: opening, to: opening }),
    ...transitions(zone, from, to).flatMap((t) => observance(zone, t)),
    "END:VTIMEZONE",
  ];
  return lines.join("\r\n");
}
