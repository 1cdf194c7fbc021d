import * as crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { attemptJoin, normalizeRequested, passcodeMatches, resolveTarget } from "@/lib/join";
import { createUserWithRoom } from "@/lib/users";
import { tempDatabase } from "../support/temp-db";

vi.mock("node:crypto", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:crypto")>();
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) };
});

describe("the passcode check", () => {
  it("runs the same constant-time comparison, on equal-length digests, for an unknown ID and a wrong passcode", () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    expect(passcodeMatches(null, "Guess_12")).toBe(false);
    expect(passcodeMatches({ passcode: "Right_99" }, "Guess_12")).toBe(false);
    expect(passcodeMatches({ passcode: "Right_99" }, "Right_99")).toBe(true);
    expect(spy).toHaveBeenCalledTimes(3);
    const lengths = spy.mock.calls.map(([a, b]) => [(a as Buffer).length, (b as Buffer).length]);
    expect(lengths).toEqual([[32, 32], [32, 32], [32, 32]]);
  });

  it("an empty passcode opens only a room without one", () => {
    expect(passcodeMatches({ passcode: null }, "")).toBe(true);
    expect(passcodeMatches({ passcode: null }, "anything")).toBe(false);
    expect(passcodeMatches({ passcode: "Right_99" }, "")).toBe(false);
  });
});

describe("joining", () => {
  it("normalizes the requested ID the same way whether or not it exists", () => {
    expect(normalizeRequested("id", " (415) 555-0134 ")).toBe("4155550134");
    expect(normalizeRequested("link", "Ada.Lovelace")).toBe("ada.lovelace");
  });

  it("counts failures per requested ID, for unknown IDs too, and refuses past the limit whatever the passcode", async () => {
    const { db } = tempDatabase();
    const ada = createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
    const room = db.$client.prepare("select pmi, passcode from rooms where user_id = ?").get(ada.id) as { pmi: string; passcode: string };
    const base = { kind: "id" as const, name: "Guest", token: "t".repeat(43) };
    for (let i = 0; i < 10; i++) {
      expect(await attemptJoin(db, { ...base, raw: room.pmi, passcode: `wrong${i}x`, client: `198.51.100.${i}` })).toEqual({ kind: "failed" });
    }
    const limited = await attemptJoin(db, { ...base, raw: room.pmi, passcode: room.passcode, client: "198.51.100.200" });
    expect(limited.kind).toBe("limited");
    expect(await attemptJoin(db, { ...base, raw: "2999999991", passcode: "x", client: "203.0.113.1" })).toEqual({ kind: "failed" });
    expect(resolveTarget(db, "id", room.pmi)?.hostName).toBe("Ada Lovelace");
  });
});
