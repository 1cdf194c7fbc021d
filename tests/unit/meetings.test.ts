import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { generateMeetingId, createMeeting, meetingCalendar, meetingForOwner, updateMeeting } from "@/lib/meetings";
import { describeRecurrence, occurrences, rruleFor, wallToUtc } from "@/lib/meeting-time";
import { createUserWithRoom } from "@/lib/users";
import { countOccurrences, formatMeetingId, meetingSchema, parseLocalDate } from "@/lib/validation/meeting";
import { tempDatabase } from "../support/temp-db";

const base = { title: "Design review", start: "2026-03-02T09:00", duration: "60", timeZone: "America/New_York", meetingIdType: "generate", passcode: "Xk7*mb12" };
const parse = (extra: Record<string, string> = {}) => meetingSchema.safeParse({ ...base, ...extra });
const fieldsOf = (r: ReturnType<typeof parse>) => (r.success ? [] : r.error.issues.map((i) => i.path[0]));

describe("meeting schema", () => {
  it("accepts a plain one-time meeting", () => {
    const r = parse();
    expect(r.success && r.data).toMatchObject({ title: "Design review", duration: 60, usesPmi: false, recurrence: null, passcode: "Xk7*mb12", waitingRoom: false });
  });

  it.each([
    [{ title: " " }, "title"],
    [{ start: "tomorrow" }, "start"],
    [{ start: "2026-02-30T09:00" }, "start"],
    [{ duration: "14" }, "duration"],
    [{ duration: "1441" }, "duration"],
    [{ duration: "30.5" }, "duration"],
    [{ timeZone: "Mars/Olympus_Mons" }, "timeZone"],
    [{ meetingIdType: "custom" }, "meetingIdType"],
    [{ passcode: "" }, "passcode"],
    [{ passcode: "123456" }, "passcode"],
    [{ recurrence: "weekly", count: "5" }, "weekdays"],
    [{ recurrence: "daily", count: "61" }, "count"],
    [{ recurrence: "daily", count: "0" }, "count"],
    [{ recurrence: "daily", ends: "date", endDate: "2026-01-01" }, "endDate"],
    [{ recurrence: "daily", ends: "date", endDate: "2026-05-15" }, "endDate"],
    [{ recurrence: "daily", ends: "date", endDate: "" }, "endDate"],
  ])("%j is refused on %s", (extra, field) => {
    expect(fieldsOf(parse(extra as Record<string, string>))).toContain(field);
  });

  it("a meeting on the PMI needs no passcode of its own", () => {
    const r = parse({ meetingIdType: "pmi", passcode: "" });
    expect(r.success && r.data).toMatchObject({ usesPmi: true, passcode: null });
  });

  it("reads weekly days from their checkboxes", () => {
    const r = parse({ recurrence: "weekly", dayMO: "on", dayWE: "on", count: "10" });
    expect(r.success && r.data.recurrence).toEqual({ frequency: "weekly", weekdays: ["MO", "WE"], count: 10 });
  });
});

describe("meeting IDs", () => {
  it("are 11 digits, shown 3-4-4, and unique across many generations", () => {
    const { db } = tempDatabase();
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const id = generateMeetingId(db);
      expect(id).toMatch(/^[1-9]\d{10}$/);
      seen.add(id);
    }
    expect(seen.size).toBe(5000);
    expect(formatMeetingId("12345678901")).toBe("123 4567 8901");
  });
});

describe("recurrence", () => {
  it("counts by the calendar and agrees with the RRULE expansion", () => {
    const cases = [
      { start: "2026-01-31T10:00", recurrence: { frequency: "monthly" as const, weekdays: [], until: "2026-12-31" } },
      { start: "2026-03-02T09:00", recurrence: { frequency: "weekly" as const, weekdays: ["MO" as const, "TH" as const], until: "2026-04-30" } },
      { start: "2026-03-02T09:00", recurrence: { frequency: "daily" as const, weekdays: [], until: "2026-03-31" } },
    ];
    for (const c of cases) {
      const expanded = occurrences({ localStart: c.start, timeZone: "Europe/Berlin", recurrence: c.recurrence });
      expect(countOccurrences(parseLocalDate(c.start.slice(0, 10))!, c.recurrence)).toBe(expanded.length);
    }
    // Monthly on the 31st skips shorter months (RFC 5545): Jan, Mar, May, Jul, Aug, Oct, Dec.
    expect(occurrences({ localStart: cases[0]!.start, timeZone: "UTC", recurrence: cases[0]!.recurrence })).toHaveLength(7);
  });

  it("never has more than 60 occurrences", () => {
    const r = occurrences({ localStart: "2026-01-01T08:00", timeZone: "UTC", recurrence: { frequency: "daily", weekdays: [], count: 60 } });
    expect(r).toHaveLength(60);
  });

  it("keeps the local time across a daylight-saving change", () => {
    // New York moves to daylight time on 2026-03-08: 9:00 local is 14:00 UTC before and 13:00 UTC after.
    const starts = occurrences({ localStart: "2026-03-02T09:00", timeZone: "America/New_York", recurrence: { frequency: "weekly", weekdays: ["MO"], count: 3 } });
    expect(starts.map((d) => d.toISOString())).toEqual(["2026-03-02T14:00:00.000Z", "2026-03-09T13:00:00.000Z", "2026-03-16T13:00:00.000Z"]);
    const local = starts.map((d) => new Intl.DateTimeFormat("en-GB", { timeZone: "America/New_York", hour: "2-digit", minute: "2-digit" }).format(d));
    expect(new Set(local)).toEqual(new Set(["09:00"]));
  });

  it("converts wall-clock times in a zone", () => {
    expect(wallToUtc(new Date(Date.UTC(2026, 6, 1, 9, 0)), "Asia/Kolkata").toISOString()).toBe("2026-07-01T03:30:00.000Z");
  });

  it("writes UNTIL in UTC and describes itself in words", () => {
    const schedule = { localStart: "2026-03-02T09:00", timeZone: "America/New_York", recurrence: { frequency: "weekly" as const, weekdays: ["MO" as const, "WE" as const], until: "2026-03-31" } };
    expect(rruleFor(schedule)).toBe("FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20260401T035959Z");
    expect(describeRecurrence(schedule.recurrence)).toBe("Every week on Monday and Wednesday, until 2026-03-31");
  });
});

describe("meetings in the database", () => {
  it("a meeting on the PMI follows the room's PMI; editing keeps a generated ID", () => {
    const { db } = tempDatabase();
    const ada = createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
    const input = parse({ meetingIdType: "pmi", recurrence: "weekly", dayTU: "on", count: "4" });
    if (!input.success) throw input.error;
    const onPmi = createMeeting(db, ada.id, input.data);
    db.$client.prepare("update rooms set pmi = '4155550134' where user_id = ?").run(ada.id);
    expect(meetingForOwner(db, ada.id, onPmi.id)?.joinIdFormatted).toBe("415 555 0134");

    const regularInput = parse();
    if (!regularInput.success) throw regularInput.error;
    const regular = createMeeting(db, ada.id, regularInput.data);
    const edited = updateMeeting(db, ada.id, regular.id, { ...regularInput.data, title: "Renamed" });
    expect(edited).toMatchObject({ title: "Renamed", meetingId: regular.meetingId });
    const grace = createUserWithRoom(db, { email: "grace@example.edu", name: "Grace Hopper", passwordHash: "x" });
    expect(meetingForOwner(db, grace.id, regular.id)).toBeNull();
    expect(updateMeeting(db, grace.id, regular.id, regularInput.data)).toBeNull();
  });

  it("exports an .ics that a maintained iCalendar parser reads back, with the recurrence rule", () => {
    const { db } = tempDatabase();
    const ada = createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
    const input = parse({ recurrence: "weekly", dayMO: "on", count: "3" });
    if (!input.success) throw input.error;
    const meeting = meetingForOwner(db, ada.id, createMeeting(db, ada.id, input.data).id)!;
    const text = meetingCalendar(meeting, "Ada Lovelace", "https://rooms.example");
    const calendar = new ICAL.Component(ICAL.parse(text));
    const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
    expect(event.summary).toBe("Design review");
    expect(event.startDate.toJSDate().toISOString()).toBe("2026-03-02T14:00:00.000Z");
    expect(event.duration.toSeconds()).toBe(3600);
    const rule = calendar.getFirstSubcomponent("vevent")!.getFirstPropertyValue("rrule") as ICAL.Recur;
    expect({ freq: rule.freq, count: rule.count, byday: rule.parts.BYDAY }).toEqual({ freq: "WEEKLY", count: 3, byday: ["MO"] });
    expect(event.description).toContain(`Meeting ID: ${formatMeetingId(meeting.meetingId!)}`);
    const expanded = event.iterator();
    const starts: string[] = [];
    for (let next = expanded.next(); next && starts.length < 5; next = expanded.next()) starts.push(next.toJSDate().toISOString());
    expect(starts).toEqual(["2026-03-02T14:00:00.000Z", "2026-03-09T13:00:00.000Z", "2026-03-16T13:00:00.000Z"]);
  });
});
