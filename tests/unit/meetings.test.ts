import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { rooms } from "@/db/schema";
import { meetingCalendar } from "@/lib/meetings/calendar";
import { lastTimeZone, meetingForOwner } from "@/lib/meetings/queries";
import { createMeeting, generateMeetingId, updateMeeting } from "@/lib/meetings/service";
import { describeRecurrence, occurrences, rruleFor, wallToUtc } from "@/lib/meetings/time";
import { createUserWithRoom } from "@/lib/auth/users";
import { countOccurrences, formatMeetingId, meetingSchema, parseLocalDate } from "@/lib/validation/meeting";
import { tempDatabase } from "../support/temp-db";

const base = {
  title: "Design review",
  start: "2026-03-02T09:00",
  duration: "60",
  timeZone: "America/New_York",
  meetingIdType: "generate",
  passcode: "Xk7*mb12",
};
const parse = (extra: Record<string, string> = {}) => meetingSchema.safeParse({ ...base, ...extra });
const fieldsOf = (r: ReturnType<typeof parse>) => (r.success ? [] : r.error.issues.map((i) => i.path[0]));
const messagesOn = (r: ReturnType<typeof parse>, field: string) =>
  r.success ? [] : r.error.issues.filter((i) => i.path[0] === field).map((i) => i.message);

describe("meeting schema", () => {
  it("accepts a plain one-time meeting", async () => {
    const r = parse();
    expect(r.success && r.data).toMatchObject({
      title: "Design review",
      duration: 60,
      usesPmi: false,
      recurrence: null,
      passcode: "Xk7*mb12",
      waitingRoom: false,
    });
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

  it.each(["1999-12-31T23:59", "2101-01-01T00:00", "0100-01-01T09:00", "9999-12-31T09:00"])(
    "a start in %s is refused: calendars need a year from 2000 to 2100",
    (start) => {
      expect(messagesOn(parse({ start }), "start")).toEqual(["Choose a start in the years 2000 to 2100."]);
    },
  );

  it.each(["2000-01-01T00:00", "2100-12-31T23:59"])("a start in %s is accepted", (start) => {
    expect(parse({ start }).success).toBe(true);
  });

  it.each(["0x20", "1e2", " 60", "60 ", "60.0", "+60", "6O", "", "٦٠"])(
    "a duration of %j is refused: decimal digits only",
    (duration) => {
      expect(messagesOn(parse({ duration }), "duration")).toEqual(["Enter the duration as a whole number of minutes."]);
    },
  );

  it("a duration of 60 is 60 minutes, and the bounds still hold for digit strings", async () => {
    const r = parse({ duration: "60" });
    expect(r.success && r.data.duration).toBe(60);
    expect(messagesOn(parse({ duration: "99999999999999999999" }), "duration")).toEqual([
      "A meeting lasts at most 1440 minutes (24 hours).",
    ]);
  });

  it("cleans the title (NFC, no bidi or invisible characters, one line) and refuses one that is blank after that", async () => {
    const r = parse({ title: "  Cafe\u0301 \u202Ereview\u202C\r\nX-INJECTED:1\u200B " });
    expect(r.success && r.data.title).toBe("Café review X-INJECTED:1");
    for (const title of ["\u200B\u2066\u2069", "\u0000", " \r\n "])
      expect(messagesOn(parse({ title }), "title")).toEqual(["Give the meeting a title."]);
  });

  it("a meeting on the PMI needs no passcode of its own", async () => {
    const r = parse({ meetingIdType: "pmi", passcode: "" });
    expect(r.success && r.data).toMatchObject({ usesPmi: true, passcode: null });
  });

  it("reads weekly days from their checkboxes", async () => {
    const r = parse({ recurrence: "weekly", dayMO: "on", dayWE: "on", count: "10" });
    expect(r.success && r.data.recurrence).toEqual({ frequency: "weekly", weekdays: ["MO", "WE"], count: 10 });
  });
});

describe("meeting IDs", () => {
  it("are 11 digits, shown 3-4-4, and unique across many generations", async () => {
    const { db } = await tempDatabase();
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const id = await generateMeetingId(db);
      expect(id).toMatch(/^[1-9]\d{10}$/);
      seen.add(id);
    }
    expect(seen.size).toBe(5000);
    expect(formatMeetingId("12345678901")).toBe("123 4567 8901");
    // 5,000 look-ups: PGlite answers each in a millisecond or two.
  }, 60_000);
});

describe("recurrence", () => {
  it("counts by the calendar and agrees with the RRULE expansion", async () => {
    const cases = [
      { start: "2026-01-31T10:00", recurrence: { frequency: "monthly" as const, weekdays: [], until: "2026-12-31" } },
      {
        start: "2026-03-02T09:00",
        recurrence: { frequency: "weekly" as const, weekdays: ["MO" as const, "TH" as const], until: "2026-04-30" },
      },
      { start: "2026-03-02T09:00", recurrence: { frequency: "daily" as const, weekdays: [], until: "2026-03-31" } },
    ];
    for (const c of cases) {
      const expanded = occurrences({ localStart: c.start, timeZone: "Europe/Berlin", recurrence: c.recurrence });
      expect(countOccurrences(parseLocalDate(c.start.slice(0, 10))!, c.recurrence)).toBe(expanded.length);
    }
    // Monthly on the 31st skips shorter months (RFC 5545): Jan, Mar, May, Jul, Aug, Oct, Dec.
    expect(
      occurrences({ localStart: cases[0]!.start, timeZone: "UTC", recurrence: cases[0]!.recurrence }),
    ).toHaveLength(7);
  });

  it("never has more than 60 occurrences", async () => {
    const r = occurrences({
      localStart: "2026-01-01T08:00",
      timeZone: "UTC",
      recurrence: { frequency: "daily", weekdays: [], count: 60 },
    });
    expect(r).toHaveLength(60);
  });

  it("keeps the local time across a daylight-saving change", async () => {
    // New York moves to daylight time on 2026-03-08: 9:00 local is 14:00 UTC before and 13:00 UTC after.
    const starts = occurrences({
      localStart: "2026-03-02T09:00",
      timeZone: "America/New_York",
      recurrence: { frequency: "weekly", weekdays: ["MO"], count: 3 },
    });
    expect(starts.map((d) => d.toISOString())).toEqual([
      "2026-03-02T14:00:00.000Z",
      "2026-03-09T13:00:00.000Z",
      "2026-03-16T13:00:00.000Z",
    ]);
    const local = starts.map((d) =>
      new Intl.DateTimeFormat("en-GB", { timeZone: "America/New_York", hour: "2-digit", minute: "2-digit" }).format(d),
    );
    expect(new Set(local)).toEqual(new Set(["09:00"]));
  });

  it("converts wall-clock times in a zone", async () => {
    expect(wallToUtc(new Date(Date.UTC(2026, 6, 1, 9, 0)), "Asia/Kolkata").toISOString()).toBe(
      "2026-07-01T03:30:00.000Z",
    );
  });

  it("writes UNTIL in UTC and describes itself in words", async () => {
    const schedule = {
      localStart: "2026-03-02T09:00",
      timeZone: "America/New_York",
      recurrence: { frequency: "weekly" as const, weekdays: ["MO" as const, "WE" as const], until: "2026-03-31" },
    };
    expect(rruleFor(schedule)).toBe("FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20260401T035959Z");
    expect(describeRecurrence(schedule.recurrence)).toBe("Every week on Monday and Wednesday, until 2026-03-31");
  });
});

describe("meetings in the database", () => {
  it("a meeting on the PMI follows the room's PMI; editing keeps a generated ID", async () => {
    const { db } = await tempDatabase();
    const ada = await createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
    const input = parse({ meetingIdType: "pmi", recurrence: "weekly", dayTU: "on", count: "4" });
    if (!input.success) throw input.error;
    const onPmi = await createMeeting(db, ada.id, input.data);
    await db.update(rooms).set({ pmi: "4155550134" }).where(eq(rooms.userId, ada.id));
    expect((await meetingForOwner(db, ada.id, onPmi.id))?.joinIdFormatted).toBe("415 555 0134");

    const regularInput = parse();
    if (!regularInput.success) throw regularInput.error;
    const regular = await createMeeting(db, ada.id, regularInput.data);
    const edited = await updateMeeting(db, ada.id, regular.id, { ...regularInput.data, title: "Renamed" });
    expect(edited).toMatchObject({ title: "Renamed", meetingId: regular.meetingId });
    const grace = await createUserWithRoom(db, { email: "grace@example.edu", name: "Grace Hopper", passwordHash: "x" });
    expect(await meetingForOwner(db, grace.id, regular.id)).toBeNull();
    expect(await updateMeeting(db, grace.id, regular.id, regularInput.data)).toBeNull();
  });

  it("exports an .ics that a maintained iCalendar parser reads back, with the recurrence rule", async () => {
    const { db } = await tempDatabase();
    const ada = await createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
    const input = parse({ recurrence: "weekly", dayMO: "on", count: "3" });
    if (!input.success) throw input.error;
    const meeting = (await meetingForOwner(db, ada.id, (await createMeeting(db, ada.id, input.data)).id))!;
    const text = meetingCalendar(meeting, "Ada Lovelace", "https://rooms.example");
    const calendar = new ICAL.Component(ICAL.parse(text));
    const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
    expect(event.summary).toBe("Design review");
    expect(event.startDate.toJSDate().toISOString()).toBe("2026-03-02T14:00:00.000Z");
    expect(event.duration.toSeconds()).toBe(3600);
    const rule = calendar.getFirstSubcomponent("vevent")!.getFirstPropertyValue("rrule") as ICAL.Recur;
    expect({ freq: rule.freq, count: rule.count, byday: rule.parts.BYDAY }).toEqual({
      freq: "WEEKLY",
      count: 3,
      byday: ["MO"],
    });
    expect(event.description).toContain(`Meeting ID: ${formatMeetingId(meeting.meetingId!)}`);
    const expanded = event.iterator();
    const starts: string[] = [];
    for (let next = expanded.next(); next && starts.length < 5; next = expanded.next())
      starts.push(next.toJSDate().toISOString());
    expect(starts).toEqual(["2026-03-02T14:00:00.000Z", "2026-03-09T13:00:00.000Z", "2026-03-16T13:00:00.000Z"]);
  });

  it("writes a UTC meeting with its Z, so calendars do not read it as local time", async () => {
    const { db } = await tempDatabase();
    const ada = await createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
    const input = parse({ timeZone: "UTC", start: "2026-12-15T10:00" });
    if (!input.success) throw input.error;
    const text = meetingCalendar(
      (await meetingForOwner(db, ada.id, (await createMeeting(db, ada.id, input.data)).id))!,
      "Ada Lovelace",
      "https://rooms.example",
    );
    expect(text).toContain("DTSTART:20261215T100000Z\r\n");
    expect(text).toContain("DTEND:20261215T110000Z\r\n");
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent("vevent")!);
    expect(event.startDate.toJSDate().toISOString()).toBe("2026-12-15T10:00:00.000Z");
  });

  it("escapes the calendar's name like the event's: a stored title with CR/LF adds no line", async () => {
    const { db } = await tempDatabase();
    const ada = await createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
    const input = parse();
    if (!input.success) throw input.error;
    // Titles are cleaned on the way in now; rows saved before that may still hold line breaks.
    const title = "Plan, review; ship \\ done\r\nX-INJECTED:1\nMETHOD:CANCEL";
    const created = await createMeeting(db, ada.id, { ...input.data, title });
    const text = meetingCalendar(
      (await meetingForOwner(db, ada.id, created.id))!,
      "Ada Lovelace",
      "https://rooms.example",
    );
    expect(text).not.toMatch(/^(X-INJECTED|METHOD:CANCEL)/m);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const everything = [calendar, ...calendar.getAllSubcomponents()].flatMap((c) =>
      c.getAllProperties().map((p) => p.name),
    );
    expect(everything).not.toContain("x-injected");
    expect(calendar.getAllProperties("method").map((p) => p.getFirstValue())).toEqual(["PUBLISH"]);
    // ical.js has no type for NAME (RFC 7986) or X-WR-CALNAME, so it hands back their TEXT escapes as written.
    const escaped = "Plan\\, review\\; ship \\\\ done\\nX-INJECTED:1\\nMETHOD:CANCEL";
    expect(calendar.getFirstPropertyValue("name")).toBe(escaped);
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe(escaped);
    expect(new ICAL.Event(calendar.getFirstSubcomponent("vevent")!).summary).toBe(
      "Plan, review; ship \\ done\nX-INJECTED:1\nMETHOD:CANCEL",
    );
  });

  it("reads a zone stored under an old or odd spelling as the list's spelling, with its VTIMEZONE", async () => {
    const { db } = await tempDatabase();
    const ada = await createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
    const input = parse({ start: "2026-07-01T09:00" });
    if (!input.success) throw input.error;
    for (const [stored, listed, instant] of [
      ["Asia/Calcutta", "Asia/Kolkata", "2026-07-01T03:30:00.000Z"],
      ["america/new_york", "America/New_York", "2026-07-01T13:00:00.000Z"],
      ["US/Pacific-New", "America/Los_Angeles", "2026-07-01T16:00:00.000Z"],
    ] as const) {
      const { id } = await createMeeting(db, ada.id, { ...input.data, timeZone: stored });
      const meeting = (await meetingForOwner(db, ada.id, id))!;
      expect(meeting.timeZone).toBe(listed);
      expect(await lastTimeZone(db, ada.id)).toBe(listed);
      const calendar = new ICAL.Component(
        ICAL.parse(meetingCalendar(meeting, "Ada Lovelace", "https://rooms.example")),
      );
      expect(calendar.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe(listed);
      expect(new ICAL.Event(calendar.getFirstSubcomponent("vevent")!).startDate.toJSDate().toISOString()).toBe(instant);
    }
  });
});
