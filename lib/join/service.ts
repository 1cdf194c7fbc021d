import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { and, count, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { lockRows, withTransaction } from "@/db/transaction";
import { attendees, liveSessions, meetings, rooms, users } from "@/db/schema";
import { env } from "@/lib/server/env";
import { hasLinkShape } from "@/lib/validation/link";
import { issuePass, readPass } from "@/lib/join/pass";
import { limitKey, recordFailure, release, reserve, retryAfterMs, type Counted } from "@/lib/server/rate-limit";
import { normalizeRequested, type JoinKind } from "@/lib/join/requested";

export type { JoinKind };

export type Target = {
  key: string;
  roomId: number;
  /** The room's guest epoch, signed into passes (lib/join-pass.ts). */
  epoch: number;
  hostName: string;
  title: string;
  passcode: string | null;
  waitingRoom: boolean;
  joinBeforeHost: boolean;
};

/** The room or meeting an ID or link leads to, or null. Old (released) values lead nowhere. */
export async function resolveTarget(db: Db, kind: JoinKind, raw: string): Promise<Target | null> {
  const value = normalizeRequested(kind, raw);
  const roomTarget = async (where: ReturnType<typeof eq>) => {
    const [row] = await db
      .select({ room: rooms, host: users.name })
      .from(rooms)
      .innerJoin(users, eq(users.id, rooms.userId))
      .where(where)
      .limit(1);
    return row
      ? {
          key: `room:${row.room.id}`,
          roomId: row.room.id,
          epoch: row.room.guestEpoch,
          hostName: row.host,
          title: `${row.host}'s personal room`,
          passcode: row.room.passcode,
          waitingRoom: row.room.waitingRoom,
          joinBeforeHost: row.room.joinBeforeHost,
        }
      : null;
  };
  if (kind === "link") return hasLinkShape(value) ? roomTarget(eq(sql`lower(${rooms.link})`, value)) : null;
  if (/^\d{10}$/.test(value)) return roomTarget(eq(rooms.pmi, value));
  if (!/^\d{11}$/.test(value)) return null;
  const [row] = await db
    .select({ meeting: meetings, epoch: rooms.guestEpoch, host: users.name })
    .from(meetings)
    .innerJoin(users, eq(users.id, meetings.userId))
    .innerJoin(rooms, eq(rooms.id, meetings.roomId))
    .where(eq(meetings.meetingId, value))
    .limit(1);
  return row
    ? {
        key: `meeting:${row.meeting.id}`,
        roomId: row.meeting.roomId,
        epoch: row.epoch,
        hostName: row.host,
        title: row.meeting.title,
        passcode: row.meeting.passcode,
        waitingRoom: row.meeting.waitingRoom,
        joinBeforeHost: false,
      }
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
 * Failed joins are limited per client address, and per room when the ID or link leads to one (so its PMI
 * and its link share one allowance), or per normalized input when it leads nowhere: the same limit, the same
 * answer, so the limit reveals nothing. Defaults: 10 failures an hour each. Arithmetic: one client makes at
 * most 10 × 24 × 365 = 87,600 guesses a year. Unknown IDs and wrong passcodes answer alike, so a guess only
 * finds a room when ID and passcode are both right; even a room with no passcode (waiting room on) is one of
 * 10^10 PMIs: with 10,000 such rooms live, a hit takes 10^6 guesses, over 11 years. Against one known room,
 * 10 guesses an hour meet 66^6 ≈ 8·10^10 possible 6-character passcodes. A browser holding a pass for the
 * room is counted on its own (JOIN_LIMIT_PASS), so strangers exhausting the room's allowance cannot shut
 * out the people who have joined before; hosts start their meetings from /room, signed in.
 */
function joinCounters(
  request: { kind: JoinKind; raw: string; client: string },
  target: Target | null,
  pass: string | null,
): Counted[] {
  const e = env();
  if (target && pass)
    return [
      {
        limit: { name: "join-pass", points: e.JOIN_LIMIT_PASS, seconds: e.JOIN_WINDOW_PASS_SECONDS },
        key: limitKey(target.key, pass),
      },
    ];
  const requested = target
    ? limitKey(target.key)
    : limitKey(request.kind, normalizeRequested(request.kind, request.raw));
  return [
    {
      limit: { name: "join-c", points: e.JOIN_LIMIT_CLIENT, seconds: e.JOIN_WINDOW_CLIENT_SECONDS },
      key: limitKey(request.client),
    },
    { limit: { name: "join-id", points: e.JOIN_LIMIT_ID, seconds: e.JOIN_WINDOW_ID_SECONDS }, key: requested },
  ];
}

/** Successful joins that add a guest, per client address and room: one address cannot fill a waiting room. */
function joinsFromClient(client: string, target: Target): Counted {
  const e = env();
  return {
    limit: { name: "join-ok", points: e.JOIN_LIMIT_CLIENT_ROOM, seconds: e.JOIN_WINDOW_CLIENT_ROOM_SECONDS },
    key: limitKey(client, target.key),
  };
}

export const tokenHash = (token: string) => createHash("sha256").update(token).digest("base64url");

type JoinOutcome =
  | { kind: "limited"; retryAfterMs: number }
  | { kind: "failed" }
  | { kind: "removed" }
  | { kind: "locked" }
  | { kind: "full" }
  | { kind: "joined"; target: Target; pass: string };

type JoinRequest = {
  kind: JoinKind;
  raw: string;
  name: string;
  passcode: string;
  client: string;
  /** The browser's guest token (rd_guest), which identifies it in the waiting room. */
  token: string;
  /** Reads the browser's pass cookie for a room or meeting. */
  passFor: (liveKey: string) => string | undefined;
};

export async function attemptJoin(db: Db, request: JoinRequest): Promise<JoinOutcome> {
  const target = await resolveTarget(db, request.kind, request.raw);
  const pass = target ? readPass(request.passFor(target.key), target.key, target.epoch) : null;
  const counters = joinCounters(request, target, pass);
  // Counted before the passcode is compared, so that guesses sent at once cannot overshoot; a right one gives it back.
  const attempt = await reserve(db, counters);
  if (attempt.wait > 0) return { kind: "limited", retryAfterMs: attempt.wait };
  if (!passcodeMatches(target, request.passcode) || !target) return { kind: "failed" };
  await release(db, attempt);
  const hash = tokenHash(request.token);
  const byToken = and(eq(attendees.key, target.key), eq(attendees.tokenHash, hash));
  const [known] = await db.select({ id: attendees.id }).from(attendees).where(byToken).limit(1);
  const fromClient = joinsFromClient(request.client, target);
  if (!known) {
    const joinWait = await retryAfterMs(db, [fromClient]);
    if (joinWait > 0) return { kind: "limited", retryAfterMs: joinWait };
  }
  const outcome = await withTransaction(db, async (tx) => {
    // One join at a time per room, so the waiting-room count below is still true when the guest is added.
    await lockRows(tx, rooms, eq(rooms.id, target.roomId));
    const [existing] = await tx.select().from(attendees).where(byToken).limit(1);
    if (existing?.status === "removed") return "removed" as const;
    const [session] = await tx.select().from(liveSessions).where(eq(liveSessions.key, target.key)).limit(1);
    if (session?.locked && !existing) return "locked" as const;
    if (existing) {
      await tx.update(attendees).set({ name: request.name }).where(eq(attendees.id, existing.id));
      return "joined" as const;
    }
    if (target.waitingRoom) {
      const [waiting] = await tx
        .select({ n: count() })
        .from(attendees)
        .where(and(eq(attendees.key, target.key), eq(attendees.status, "waiting")));
      if ((waiting?.n ?? 0) >= env().JOIN_WAITING_MAX) return "full" as const;
    }
    await tx.insert(attendees).values({
      key: target.key,
      roomId: target.roomId,
      name: request.name,
      tokenHash: hash,
      status: target.waitingRoom ? "waiting" : "admitted",
    });
    await recordFailure(tx, [fromClient]);
    return "added" as const;
  });
  if (outcome !== "joined" && outcome !== "added") return { kind: outcome };
  // Keep a valid pass as it is (its counter goes with it); otherwise issue one for the room's current epoch.
  return { kind: "joined", target, pass: pass ? request.passFor(target.key)! : issuePass(target.key, target.epoch) };
}

export type GuestState = "waiting-room" | "waiting-host" | "in" | "removed";

/** Where a guest who got past the passcode stands now, read from the database on every request. */
export async function guestState(db: Db, target: Target, token: string): Promise<GuestState | null> {
  const [attendee] = await db
    .select()
    .from(attendees)
    .where(and(eq(attendees.key, target.key), eq(attendees.tokenHash, tokenHash(token))))
    .limit(1);
  if (!attendee) return null;
  if (attendee.status === "removed") return "removed";
  if (attendee.status === "waiting") return "waiting-room";
  const [session] = await db.select().from(liveSessions).where(eq(liveSessions.key, target.key)).limit(1);
  return session?.startedAt || target.joinBeforeHost ? "in" : "waiting-host";
}
