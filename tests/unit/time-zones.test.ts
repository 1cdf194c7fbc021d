import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { occurrences } from "@/lib/meetings/time";
import { meetingCalendar } from "@/lib/meetings/calendar";
import { meetingForOwner } from "@/lib/meetings/queries";
import { createMeeting } from "@/lib/meetings/service";
import { createUserWithRoom } from "@/lib/auth/users";
import { meetingSchema } from "@/lib/validation/meeting";
import { TIME_ZONES, ZONE_RENAMES, listedTimeZone, timeZoneSchema } from "@/lib/validation/time-zones";
import { timeZones } from "@/app/(account)/meetings/defaults";
import { tempDatabase } from "../support/temp-db";

const resolved = (zone: string) => new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;

describe("the time zone list", () => {
  it("is what the picker offers: UTC first, each zone once, each in its one spelling and known to Intl", async () => {
    expect(timeZones()).toEqual(TIME_ZONES);
    expect(TIME_ZONES[0]).toBe("UTC");
    expect(new Set(TIME_ZONES).size).toBe(TIME_ZONES.length);
    for (const zone of TIME_ZONES) {
      expect(listedTimeZone(zone)).toBe(zone);
      expect(() => resolved(zone)).not.toThrow();
    }
    expect(TIME_ZONES).toEqual(
      expect.arrayContaining([
        "America/New_York",
        "Asia/Kolkata",
        "Asia/Ho_Chi_Minh",
        "Europe/Kyiv",
        "America/Ciudad_Juarez",
      ]),
    );
    expect(TIME_ZONES).not.toEqual(expect.arrayContaining(["Asia/Calcutta"]));
  });

  it("takes in every zone this runtime names, old spellings renamed to the zone they always were", async () => {
    for (const zone of Intl.supportedValuesOf("timeZone")) expect(listedTimeZone(zone), zone).not.toBeNull();
    for (const [old, current] of Object.entries(ZONE_RENAMES)) {
      expect(TIME_ZONES).toContain(current);
      expect(resolved(old)).toBe(resolved(current));
    }
  });

  it("stores a listed zone as is and an old spelling as its current name; any other spelling is refused", async () => {
    expect(timeZoneSchema.parse("America/New_York")).toBe("America/New_York");
    expect(timeZoneSchema.parse("Asia/Calcutta")).toBe("Asia/Kolkata");
    expect(timeZoneSchema.parse("Asia/Saigon")).toBe("Asia/Ho_Chi_Minh");
    for (const bad of [
      "america/new_york",
      "US/Pacific-New",
      "US/Pacific",
      "EST5EDT",
      "Mars/Olympus_Mons",
      "",
      " UTC",
      "x".repeat(100),
    ]) {
      const r = timeZoneSchema.safeParse(bad);
      expect(r.success, bad).toBe(false);
      expect(r.error?.issues[0]?.message).toBe("Choose a time zone from the list.");
    }
  });
});

describe("calendar files in every offered zone", () => {
  // Monthly on the 15th for a year: every zone's daylight-saving changes fall between two occurrences.
  const form = {
    title: "Zone check",
    start: "2026-01-15T09:30",
    duration: "60",
    meetingIdType: "generate",
    passcode: "Xk7*mb12",
    recurrence: "monthly",
    count: "12",
  };

  it("carry a VTIMEZONE that ical.js reads and that places each occurrence where Roomdesk does", async () => {
    const { db } = await tempDatabase();
    const ada = await createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
    const input = meetingSchema.parse({ ...form, timeZone: "UTC" });
    const stored = (await meetingForOwner(db, ada.id, (await createMeeting(db, ada.id, input)).id))!;
    for (const zone of TIME_ZONES) {
      // The same meeting moved to each zone, as updateMeeting would store it.
      const expected = occurrences({ localStart: form.start, timeZone: zone, recurrence: input.recurrence });
      const meeting = {
        ...stored,
        timeZone: zone,
        startsAt: expected[0]!,
        endsAt: new Date(expected.at(-1)!.getTime() + 3_600_000),
      };
      const calendar = new ICAL.Component(
        ICAL.parse(meetingCalendar(meeting, "Ada Lovelace", "https://rooms.example")),
      );
      const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
      if (zone === "UTC") {
        expect(calendar.getFirstSubcomponent("vtimezone")).toBeNull();
        expect(event.startDate.zone?.tzid).toBe("UTC");
      } else {
        expect(calendar.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid"), zone).toBe(zone);
        expect(event.startDate.zone?.tzid, zone).toBe(zone);
      }
      const starts: string[] = [];
      const it = event.iterator();
      for (let next = it.next(); next && starts.length < 13; next = it.next())
        starts.push(next.toJSDate().toISOString());
      expect(starts, zone).toEqual(expected.map((d) => d.toISOString()));
    }
  }, 60_000);

  it("place meetings at the right instant where zone rules changed lately", async () => {
    const { db } = await tempDatabase();
    const ada = await createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
    const cases = [
      ["America/New_York", "2026-12-15T10:00", "2026-12-15T15:00:00.000Z"],
      ["America/Mexico_City", "2027-06-15T09:00", "2027-06-15T15:00:00.000Z"], // no daylight time since 2022
      ["America/Sao_Paulo", "2027-01-15T09:00", "2027-01-15T12:00:00.000Z"], // none since 2019
      ["Asia/Kolkata", "2026-07-01T09:00", "2026-07-01T03:30:00.000Z"],
      ["UTC", "2026-12-15T10:00", "2026-12-15T10:00:00.000Z"],
    ] as const;
    for (const [zone, start, instant] of cases) {
      const input = meetingSchema.parse({ ...form, recurrence: "none", timeZone: zone, start });
      const meeting = (await meetingForOwner(db, ada.id, (await createMeeting(db, ada.id, input)).id))!;
      const text = meetingCalendar(meeting, "Ada Lovelace", "https://rooms.example");
      const event = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent("vevent")!);
      expect(event.startDate.toJSDate().toISOString(), zone).toBe(instant);
    }
  });
});
