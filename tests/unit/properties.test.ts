import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SqliteDb } from "@/db";
import { attemptJoin } from "@/lib/join/service";
import { createMeeting } from "@/lib/meetings/service";
import { changeIdentity, changeSettings } from "@/lib/room/service";
import { createUserWithRoom } from "@/lib/auth/users";
import {
  cleanText,
  generatePmi,
  linkProblems,
  meetingSchema,
  TIME_ZONES,
  passcodeProblems,
  pmiProblems,
  roomIdentitySchema,
  roomSettingsSchema,
  settingsProblems,
} from "@/lib/validation";
import { tempSqlite } from "../support/temp-db";

// Whatever a form posts (random text, any Unicode, huge or malformed values), the action path (schema, then
// service) either stores a room that keeps every rule or refuses and leaves the database exactly as it was.

process.env.AUTH_SECRET ??= "unit-test-secret-0123456789abcdefghijklmnopqrstuvwxyz";

const RUNS = 150;

/** Form values as a hostile client might send them: plausible, random, Unicode, huge. */
const formValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(
      "0",
      "1",
      "2",
      "5",
      "8",
      "9",
      " ",
      "-",
      ".",
      "(",
      ")",
      "a",
      "Z",
      "@",
      "*",
      "_",
      "\u0660",
      "\uFF11",
    ),
    maxLength: 16,
  }),
  fc.constantFrom(
    "",
    " ",
    "on",
    "true",
    "off",
    "0",
    "4155550134",
    "ada.lovelace",
    "Right_123",
    "\u0000",
    "\u202E",
    "x".repeat(100_000),
  ),
);
// Valid values too, so that accepted changes are exercised as well as refused ones.
const validPmi = fc.integer({ min: 0, max: 1e6 }).map(() => generatePmi());
const validLink = fc.stringMatching(/^[a-z][a-z0-9]{4,12}$/);
const formOf = (fields: Record<string, fc.Arbitrary<string>>) =>
  fc.record(Object.fromEntries(Object.entries(fields).map(([f, valid]) => [f, fc.oneof(formValue, valid)])), {
    requiredKeys: [],
  });

async function setup() {
  const { db } = await tempSqlite();
  const ada = await createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
  await createUserWithRoom(db, { email: "grace@example.edu", name: "Grace Hopper", passwordHash: "x" });
  return { db, ada };
}

/** Everything a room change can touch, as rows, so "changed nothing" is one comparison. */
const snapshot = (db: SqliteDb) =>
  ["rooms", "room_holds", "room_changes", "attendees", "live_sessions"].map((table) =>
    db.$client.prepare(`select * from ${table} order by rowid`).all(),
  );

function expectRoomKeepsEveryRule(db: SqliteDb) {
  for (const room of db.$client
    .prepare("select pmi, link, passcode, join_before_host, waiting_room from rooms")
    .all() as {
    pmi: string;
    link: string;
    passcode: string | null;
    join_before_host: number;
    waiting_room: number;
  }[]) {
    expect(pmiProblems(room.pmi)).toEqual([]);
    expect(linkProblems(room.link)).toEqual([]);
    if (room.passcode !== null) expect(passcodeProblems(room.passcode)).toEqual([]);
    expect(
      settingsProblems({
        passcode: room.passcode,
        joinBeforeHost: room.join_before_host === 1,
        waitingRoom: room.waiting_room === 1,
      }),
    ).toEqual([]);
  }
}

describe("any input to the room forms", () => {
  it("PMI and link: a refused change changes nothing; an accepted one keeps every rule", async () => {
    const { db, ada } = await setup();
    await fc.assert(
      fc.asyncProperty(formOf({ pmi: validPmi, link: validLink }), async (form) => {
        const before = snapshot(db);
        const parsed = roomIdentitySchema.safeParse(form);
        const outcome = parsed.success ? await changeIdentity(db, ada.id, ada.id, parsed.data) : null;
        if (!outcome?.ok) expect(snapshot(db)).toEqual(before);
        expectRoomKeepsEveryRule(db);
      }),
      { numRuns: RUNS },
    );
  });

  it("passcode and settings: a refused change changes nothing; an accepted one keeps every rule", async () => {
    const { db, ada } = await setup();
    await fc.assert(
      fc.asyncProperty(
        formOf({
          passcode: fc.constantFrom("Right_123", "x9Y8z7"),
          joinBeforeHost: fc.constant("on"),
          waitingRoom: fc.constant("on"),
        }),
        async (form) => {
          const before = snapshot(db);
          const parsed = roomSettingsSchema.safeParse(form);
          const outcome = parsed.success ? await changeSettings(db, ada.id, ada.id, parsed.data) : null;
          if (!outcome?.ok) expect(snapshot(db)).toEqual(before);
          expectRoomKeepsEveryRule(db);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("a value that is not a string at all is refused, not thrown", async () => {
    fc.assert(
      fc.property(
        fc.record({ pmi: fc.anything(), link: fc.anything(), passcode: fc.anything(), waitingRoom: fc.anything() }),
        (form) => {
          expect(() => roomIdentitySchema.safeParse(form)).not.toThrow();
          expect(() => roomSettingsSchema.safeParse(form)).not.toThrow();
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe("any input to the meeting form", () => {
  it("a refused meeting stores nothing; an accepted one has a listed zone, a start in 2000-2100 and a clean title", async () => {
    const { db, ada } = await setup();
    const valid = {
      title: fc.constantFrom("Weekly sync", "Office hours"),
      start: fc.constantFrom("2030-01-01T10:00", "2099-12-31T23:30"),
      duration: fc.constantFrom("30", "60"),
      timeZone: fc.constantFrom("UTC", "America/New_York", "Asia/Calcutta"),
      meetingIdType: fc.constantFrom("generate", "pmi"),
      passcode: fc.constantFrom("Right_123"),
    };
    await fc.assert(
      fc.asyncProperty(
        formOf({ ...valid, recurrence: fc.constantFrom("none", "daily"), count: fc.constantFrom("3") }),
        async (form) => {
          const before = db.$client.prepare("select count(*) as n from meetings").get() as { n: number };
          const parsed = meetingSchema.safeParse(form);
          if (parsed.success) await createMeeting(db, ada.id, parsed.data);
          const rows = db.$client.prepare("select title, time_zone, starts_at from meetings").all() as {
            title: string;
            time_zone: string;
            starts_at: number;
          }[];
          if (!parsed.success) expect(rows.length).toBe(before.n);
          for (const row of rows) {
            expect(TIME_ZONES).toContain(row.time_zone);
            expect(new Date(row.starts_at).getUTCFullYear()).toBeGreaterThanOrEqual(1999);
            expect(new Date(row.starts_at).getUTCFullYear()).toBeLessThanOrEqual(2101);
            expect(cleanText(row.title)).toBe(row.title);
            expect(row.title).not.toBe("");
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe("any input to a join form", () => {
  it("never lets a wrong passcode in, and answers every input with a refusal rather than an error", async () => {
    const { db } = await setup();
    const room = db.$client.prepare("select pmi, link, passcode from rooms limit 1").get() as {
      pmi: string;
      link: string;
      passcode: string;
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<"id" | "link">("id", "link"),
        formValue,
        formValue,
        fc.integer({ min: 0, max: 255 }),
        async (kind, raw, passcode, client) => {
          const before = db.$client.prepare("select count(*) as n from attendees").get() as { n: number };
          const outcome = await attemptJoin(db, {
            kind,
            raw,
            passcode,
            name: "Guest",
            client: `10.9.8.${client}`,
            token: "p".repeat(43),
            passFor: () => undefined,
          });
          const after = db.$client.prepare("select count(*) as n from attendees").get() as { n: number };
          if (passcode !== room.passcode) {
            expect(outcome.kind === "failed" || outcome.kind === "limited").toBe(true);
            expect(after.n).toBe(before.n);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
