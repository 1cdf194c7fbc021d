import { describe, expect, it } from "vitest";
import { deviceFor, withDevice } from "@/lib/auth/device-cookie";
import { recordFailure, retryAfterMs } from "@/lib/server/rate-limit";
import { signInCounters } from "@/lib/auth/sign-in-limits";
import { tempDatabase } from "../support/temp-db";

const SECRET = "unit-test-secret-0123456789abcdefghijklmnopqrstuvwxyz";

describe("device cookies", () => {
  it("a browser without one, or with one for another account, has no device for this account", () => {
    expect(deviceFor(undefined, "ada@example.edu", SECRET)).toBeNull();
    const grace = withDevice(undefined, "grace@example.edu", SECRET);
    expect(deviceFor(grace, "ada@example.edu", SECRET)).toBeNull();
    expect(deviceFor(grace, " Grace@Example.edu ", SECRET)).not.toBeNull();
  });

  it("does not show the email", () => {
    expect(withDevice(undefined, "ada@example.edu", SECRET)).not.toMatch(/ada|example/i);
  });

  it("refuses an entry that was altered or signed with another secret", () => {
    const value = withDevice(undefined, "ada@example.edu", SECRET);
    const [tag, nonce, sig] = value.split(".");
    const flipped = `${tag}.${nonce}.${sig!.startsWith("A") ? "B" : "A"}${sig!.slice(1)}`;
    expect(deviceFor(flipped, "ada@example.edu", SECRET)).toBeNull();
    expect(deviceFor(`${tag}.${"x".repeat(nonce!.length)}.${sig}`, "ada@example.edu", SECRET)).toBeNull();
    expect(deviceFor(value, "ada@example.edu", `${SECRET}-rotated`)).toBeNull();
    expect(deviceFor("garbage~..~a.b.c.d", "ada@example.edu", SECRET)).toBeNull();
  });

  it("holds the last five accounts, and each sign-in makes a new device id for its account", () => {
    let value: string | undefined;
    const emails = ["a", "b", "c", "d", "e", "f"].map((n) => `${n}@example.edu`);
    for (const email of emails) value = withDevice(value, email, SECRET);
    expect(deviceFor(value, "a@example.edu", SECRET)).toBeNull();
    for (const email of emails.slice(1)) expect(deviceFor(value, email, SECRET)).not.toBeNull();
    const before = deviceFor(value, "c@example.edu", SECRET);
    value = withDevice(value, "c@example.edu", SECRET);
    expect(deviceFor(value, "c@example.edu", SECRET)).not.toBe(before);
    expect(value.split("~")).toHaveLength(5);
  });
});

describe("sign-in limits with device cookies", () => {
  const email = "owner@example.edu";

  it("strangers who use up the per-account limit lock out new browsers, not the owner's", async () => {
    const { db } = await tempDatabase();
    const device = deviceFor(withDevice(undefined, email, SECRET), email, SECRET);
    for (let i = 0; i < 100; i++) await recordFailure(db, signInCounters(email, `192.0.2.${i}`));
    expect(await retryAfterMs(db, signInCounters(email, "198.51.100.1"))).toBeGreaterThan(0);
    expect(await retryAfterMs(db, signInCounters(email, "198.51.100.1", device))).toBe(0);
  });

  it("a device's own failures lock that device only, and do not count against the account", async () => {
    const { db } = await tempDatabase();
    const mine = deviceFor(withDevice(undefined, email, SECRET), email, SECRET);
    const other = deviceFor(withDevice(undefined, email, SECRET), email, SECRET);
    // Five addresses, so the per-(account, client) counter stays under its limit: only the device's counts.
    for (let i = 0; i < 5; i++) await recordFailure(db, signInCounters(email, `203.0.113.${i}`, mine));
    expect(await retryAfterMs(db, signInCounters(email, "203.0.113.99", mine))).toBeGreaterThan(0);
    expect(await retryAfterMs(db, signInCounters(email, "203.0.113.99", other))).toBe(0);
    expect(await retryAfterMs(db, signInCounters(email, "203.0.113.99"))).toBe(0);
  });

  it("the per-(account, client) limit still applies to a browser with a device cookie", async () => {
    const { db } = await tempDatabase();
    const first = deviceFor(withDevice(undefined, email, SECRET), email, SECRET);
    const second = deviceFor(withDevice(undefined, email, SECRET), email, SECRET);
    for (let i = 0; i < 3; i++) await recordFailure(db, signInCounters(email, "203.0.113.7", first));
    for (let i = 0; i < 2; i++) await recordFailure(db, signInCounters(email, "203.0.113.7", second));
    expect(await retryAfterMs(db, signInCounters(email, "203.0.113.7", second))).toBeGreaterThan(0);
  });
});
