import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { attendees, liveSessions, meetings, rooms, users } from "@/db/schema";
import { env } from "@/lib/env";
import { limitKey, recordFailure, retryAfterMs, type Counted } from "@/lib/rate-limit";
import { normalizePmi } from "@/lib/validation/pmi";

export type JoinKind = "id" | "link";

/** What a join request names, after the same normalization for known and unknown IDs. */
export function normalizeRequested(kind: JoinKind, raw: string): string {
  const value = raw.trim().slice(0, 64);
  return kind === "id" ? normalizePmi(value) : value.toLowerCase();
}

export type Target = { key: string; roomId: number; hostName: string; title: string; passcode: string | null; waitingRoom: boolean; joinBeforeHost: boolean };

/** The room or meeting an ID or link leads to, or null. Old (released) values lead nowhere. */
export function resolveTarget(db: Db, kind: JoinKind, raw: string): Target | null {
  const value = normalizeRequested(kind, raw);
  const roomTarget = (where: ReturnType<typeof eq>) => {
    const row = db.select({ room: rooms, host: users.name }).from(rooms).innerJoin(users, eq(users.id, rooms.userId)).where(where).get();
    return row
      ? { key: `room:${row.room.id}`, roomId: row.room.id, hostName: row.host, title: `${row.host}'s personal room`, passcode: row.room.passcode, waitingRoom: row.room.waitingRoom, joinBeforeHost: row.room.joinBeforeHost }
      : null;
  };
  if (kind === "link") return /^[a-z][a-z0-9.]{4,39}$/.test(value) ? roomTarget(eq(sql`lower(${rooms.link})`, value)) : null;
  if (/^\d{10}$/.test(value)) return roomTarget(eq(rooms.pmi, value));
  if (!/^\d{11}$/.test(value)) return null;
  const row = db.select({ meeting: meetings, host: users.name }).from(meetings).innerJoin(users, eq(users.id, meetings.userId)).where(eq(meetings.meetingId, value)).get();
  return row
    ? { key: `meeting:${row.meeting.id}`, roomId: row.meeting.roomId, hostName: row.host, title: row.meeting.title, passcode: row.meeting.passcode, waitingRoom: row.meeting.waitingRoom, joinBeforeHost: false }
    : null;
}

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
// Compared against when the ID is unknown, so both failure paths hash and compare the same amount.
const UNKNOWN = digest("\u0000no meeting has this passcode\u0000");

/**
 * Constant-time passcode check. Both sides are hashed to equal-length digests for timingSafeEqual; an
 * unknown target is checked against a dummy and fails, doing the same work as a wrong passcode.
 */
export function passcodeMatches(target: Pick<Target, "passcode"> | null, given: string): boolean {
  const expected = target ? digest(target.passcode ?? "") : UNKNOWN;
  const same = timingSafeEqual(expected, digest(given));
  return target !== null && same;
}

/**
 * Failed joins are limited per client address and per requested ID (the normalized input, so an unknown
 * ID is limited exactly like a live one and the limit reveals nothing). Defaults: 10 failures an hour each.
 * Arithmetic: one client makes at most 10 × 24 × 365 = 87,600 guesses a year. Unknown IDs and wrong
 * passcodes answer alike, so a guess only finds a room when ID and passcode are both right; even a room
 * with no passcode (waiting room on) is one of 10^10 PMIs: with 10,000 such rooms live, a hit takes
 * 10^10 / 10^4 = 10^6 guesses, over 11 years. Against one known ID, 87,600 tries a year meet 66^6 ≈ 8·10^10
 * possible 6-character passcodes. Hosts start their meetings from /room, signed in, so no limit here can
 * lock an owner out of their own room.
 */
export function joinCounters(kind: JoinKind, raw: string, client: string): Counted[] {
  const e = env();
  return [
    { limit: { name: "join-c", points: e.JOIN_LIMIT_CLIENT, seconds: e.JOIN_WINDOW_CLIENT_SECONDS }, key: limitKey(client) },
    { limit: { name: "join-id", points: e.JOIN_LIMIT_ID, seconds: e.JOIN_WINDOW_ID_SECONDS }, key: limitKey(kind, normalizeRequested(kind, raw)) },
  ];
}

export const tokenHash = (token: string) => createHash("sha256").update(token).digest("base64url");

export type JoinOutcome = { kind: "limited"; retryAfterMs: number } | { kind: "failed" } | { kind: "removed" } | { kind: "locked" } | { kind: "joined" };

export async function attemptJoin(db: Db, request: { kind: JoinKind; raw: string; name: string; passcode: string; client: string; token: string }): Promise<JoinOutcome> {
  const counters = joinCounters(request.kind, request.raw, request.client);
  const wait = await retryAfterMs(db.$client, counters);
  if (wait > 0) return { kind: "limited", retryAfterMs: wait };
  const target = resolveTarget(db, request.kind, request.raw);
  if (!passcodeMatches(target, request.passcode) || !target) {
    await recordFailure(db.$client, counters);
    return { kind: "failed" };
  }
  const hash = tokenHash(request.token);
  return db.transaction(
    (tx) => {
      const existing = tx.select().from(attendees).where(and(eq(attendees.key, target.key), eq(attendees.tokenHash, hash))).get();
      if (existing?.status === "removed") return { kind: "removed" as const };
      const session = tx.select().from(liveSessions).where(eq(liveSessions.key, target.key)).get();
      if (session?.locked && !existing) return { kind: "locked" as const };
      if (existing) {
        tx.update(attendees).set({ name: request.name }).where(eq(attendees.id, existing.id)).run();
      } else {
        const status = target.waitingRoom ? "waiting" : "admitted";
        tx.insert(attendees).values({ key: target.key, roomId: target.roomId, name: request.name, tokenHash: hash, status }).run();
      }
      return { kind: "joined" as const };
    },
    { behavior: "immediate" },
  );
}

export type GuestState = "waiting-room" | "waiting-host" | "in" | "removed";

/** Where a guest who got past the passcode stands now, read from the database on every request. */
export function guestState(db: Db, target: Target, token: string): GuestState | null {
  const attendee = db.select().from(attendees).where(and(eq(attendees.key, target.key), eq(attendees.tokenHash, tokenHash(token)))).get();
  if (!attendee) return null;
  if (attendee.status === "removed") return "removed";
  if (attendee.status === "waiting") return "waiting-room";
  const session = db.select().from(liveSessions).where(eq(liveSessions.key, target.key)).get();
  return session?.startedAt || target.joinBeforeHost ? "in" : "waiting-host";
}
