import * as crypto from "node:crypto";
import { count, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { attendees, rooms } from "@/db/schema";
import { normalizeRequested } from "@/lib/join/requested";
import { attemptJoin, guestState, passcodeMatches, resolveTarget } from "@/lib/join/service";
import { hostAction, liveState, ownsKey } from "@/lib/join/live";
import { secureRoom } from "@/lib/room/service";
import { createUserWithRoom } from "@/lib/auth/users";
import { tempDatabase } from "../support/temp-db";

vi.mock("node:crypto", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:crypto")>();
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) };
});

describe("the passcode check", () => {
  it("runs the same constant-time comparison, on equal-length digests, for an unknown ID and a wrong passcode", async () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    expect(passcodeMatches(null, "Guess_12")).toBe(false);
    expect(passcodeMatches({ passcode: "Right_99" }, "Guess_12")).toBe(false);
    expect(passcodeMatches({ passcode: "Right_99" }, "Right_99")).toBe(true);
    expect(spy).toHaveBeenCalledTimes(3);
    const lengths = spy.mock.calls.map(([a, b]) => [(a as Buffer).length, (b as Buffer).length]);
    expect(lengths).toEqual([
      [32, 32],
      [32, 32],
      [32, 32],
    ]);
  });

  it("an empty passcode opens only a room without one", async () => {
    expect(passcodeMatches({ passcode: null }, "")).toBe(true);
    expect(passcodeMatches({ passcode: null }, "anything")).toBe(false);
    expect(passcodeMatches({ passcode: "Right_99" }, "")).toBe(false);
  });
});

process.env.AUTH_SECRET ??= "unit-test-secret-0123456789abcdefghijklmnopqrstuvwxyz";

async function setup() {
  const { db } = await tempDatabase();
  const ada = await createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
  const room = async () => {
    const [row] = await db
      .select({ id: rooms.id, pmi: rooms.pmi, link: rooms.link, passcode: rooms.passcode })
      .from(rooms)
      .where(eq(rooms.userId, ada.id));
    return { ...row!, passcode: row!.passcode! };
  };
  const passes = new Map<string, string>();
  /** One browser: its guest token and the passes it was given. */
  const browser = (token = randomToken()) => ({
    name: "Guest",
    token,
    passFor: (key: string) => passes.get(`${token}|${key}`),
    keep: (key: string, pass: string) => passes.set(`${token}|${key}`, pass),
  });
  const join = async (
    b: ReturnType<typeof browser>,
    raw: string,
    passcode: string,
    client = "198.51.100.1",
    kind: "id" | "link" = "id",
  ) => {
    const outcome = await attemptJoin(db, {
      kind,
      raw,
      passcode,
      client,
      name: b.name,
      token: b.token,
      passFor: b.passFor,
    });
    if (outcome.kind === "joined") b.keep(outcome.target.key, outcome.pass);
    return outcome.kind;
  };
  return { db, ada, room, browser, join };
}

let tokens = 0;
const randomToken = () => String(++tokens).padStart(43, "t");

describe("joining", () => {
  it("normalizes the requested ID the same way whether or not it exists", async () => {
    expect(normalizeRequested("id", " (415) 555-0134 ")).toBe("4155550134");
    expect(normalizeRequested("link", "Ada.Lovelace")).toBe("ada.lovelace");
  });

  it("counts failures per room, whether it was reached by PMI or by link, and refuses past the limit whatever the passcode", async () => {
    const { room, browser, join } = await setup();
    const { pmi, link, passcode } = await room();
    for (let i = 0; i < 5; i++) expect(await join(browser(), pmi, `wrong${i}x`, `198.51.100.${i}`)).toBe("failed");
    for (let i = 5; i < 10; i++)
      expect(await join(browser(), link, `wrong${i}x`, `198.51.100.${i}`, "link")).toBe("failed");
    expect(await join(browser(), pmi, passcode, "198.51.100.200")).toBe("limited");
    expect(await join(browser(), link, passcode, "198.51.100.201", "link")).toBe("limited");
  });

  it("counts unknown IDs per normalized input, with the same answers", async () => {
    const { browser, join } = await setup();
    for (let i = 0; i < 10; i++)
      expect(await join(browser(), i % 2 ? "299-999-9991" : "2999999991", "x", `203.0.113.${i}`)).toBe("failed");
    expect(await join(browser(), "2999999991", "x", "203.0.113.99")).toBe("limited");
    expect(await join(browser(), "2999999992", "x", "203.0.113.99")).toBe("failed");
  });

  it("lets a browser that joined before in with the right passcode while strangers have the room limited", async () => {
    const { room, browser, join } = await setup();
    const { pmi, passcode } = await room();
    const regular = browser();
    expect(await join(regular, pmi, passcode)).toBe("joined");
    for (let i = 0; i < 10; i++) await join(browser(), pmi, `guess${i}xx`, `192.0.2.${i}`);
    expect(await join(browser(), pmi, passcode, "192.0.2.50")).toBe("limited");
    expect(await join(regular, pmi, passcode, "192.0.2.51")).toBe("joined");
    // Its own allowance is small: five wrong passcodes and the pass is limited too.
    for (let i = 0; i < 5; i++) expect(await join(regular, pmi, `typo${i}xxx`)).toBe("failed");
    expect(await join(regular, pmi, passcode)).toBe("limited");
  });

  it("caps the waiting room and the guests one address can add to a room", async () => {
    const { db, room, browser, join } = await setup();
    const { pmi, passcode } = await room();
    for (let i = 0; i < 20; i++) expect(await join(browser(), pmi, passcode, "198.51.100.7")).toBe("joined");
    expect(await join(browser(), pmi, passcode, "198.51.100.7")).toBe("limited");
    for (let i = 0; i < 30; i++) expect(await join(browser(), pmi, passcode, `10.0.${i}.1`)).toBe("joined");
    expect(await join(browser(), pmi, passcode, "10.1.0.1")).toBe("full");
    const [waiting] = await db.select({ n: count() }).from(attendees).where(eq(attendees.status, "waiting"));
    expect(waiting!.n).toBe(50);
  });

  it("securing the room ends the meeting, removes every guest and voids their passes", async () => {
    const { db, ada, room, browser, join } = await setup();
    const before = await room();
    const intruder = browser();
    expect(await join(intruder, before.pmi, before.passcode)).toBe("joined");
    await hostAction(
      db,
      before.id,
      `room:${before.id}`,
      "admit",
      (await db.select({ id: attendees.id }).from(attendees))[0]!.id,
    );
    await hostAction(db, before.id, `room:${before.id}`, "start");
    const target = (await resolveTarget(db, "id", before.pmi))!;
    expect(await guestState(db, target, intruder.token)).toBe("in");

    await secureRoom(db, ada.id, ada.id);
    const after = await room();
    const moved = (await resolveTarget(db, "link", after.link))!;
    expect(await guestState(db, moved, intruder.token)).toBeNull();
    expect(await liveState(db, moved.key)).toMatchObject({ started: false, waiting: [], admitted: [] });
    // The old pass no longer sets the browser apart: with the room limited, it waits like a stranger.
    for (let i = 0; i < 10; i++) await join(browser(), after.pmi, `guess${i}xx`, `192.0.2.${i}`);
    expect(await join(intruder, after.pmi, after.passcode, "192.0.2.60")).toBe("limited");
  });
});

describe("host controls", () => {
  it("accept only keys written exactly as the server writes them", async () => {
    const { db, ada, room } = await setup();
    const { id } = await room();
    expect(await ownsKey(db, ada.id, `room:${id}`)).toEqual({ roomId: id, key: `room:${id}` });
    for (const key of [
      `room:${id}.0`,
      `room:0x${id}`,
      `room: ${id}`,
      `room:0${id}`,
      `ROOM:${id}`,
      `room:${id}:x`,
      `room:${id}e0`,
      "meeting:1",
    ]) {
      expect(await ownsKey(db, ada.id, key)).toBeNull();
    }
  });

  it("remove everyone waiting keeps the admitted guests", async () => {
    const { db, room, browser, join } = await setup();
    const { id, pmi, passcode } = await room();
    for (let i = 0; i < 3; i++) await join(browser(), pmi, passcode);
    const [oldest] = await db.select({ id: attendees.id }).from(attendees).orderBy(attendees.id).limit(1);
    const first = oldest!.id;
    await hostAction(db, id, `room:${id}`, "admit", first);
    await hostAction(db, id, `room:${id}`, "remove-waiting");
    expect(await liveState(db, `room:${id}`)).toMatchObject({ waiting: [], admitted: [{ id: first }] });
  });
});
