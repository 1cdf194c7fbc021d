import "server-only";
import { and, desc, eq, lte, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { roomChanges, roomHolds, rooms, type Room, type RoomChange } from "@/db/schema";
import { endIntrusion } from "@/lib/live";
import { linkAvailable, pmiAvailable } from "@/lib/room-availability";
import { generatePasscode, generatePmi, securedLink } from "@/lib/validation/generate";
import { settingsProblems } from "@/lib/validation/room";
import type { RuleId } from "@/lib/validation/rules";

/** How long a released PMI or link stays reserved for its previous owner (SPEC §3). */
export const HOLD_DAYS = 30;

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Refusal = { field: string; rule: RuleId };
export type Outcome = { ok: true; room: Room; changed: RoomChange[] } | { ok: false; refusals: Refusal[] };

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && "code" in error && String((error as { code: unknown }).code).startsWith("SQLITE_CONSTRAINT_UNIQUE");
}

function roomOf(tx: Tx, userId: number): Room {
  const room = tx.select().from(rooms).where(eq(rooms.userId, userId)).get();
  if (!room) throw new Error(`Account ${userId} has no room`);
  return room;
}

/** Releases the old value into a 30-day hold for its owner; taking a value back ends its hold. */
function hold(tx: Tx, kind: "pmi" | "link", value: string, userId: number, now: Date) {
  const expiresAt = new Date(now.getTime() + HOLD_DAYS * 24 * 60 * 60 * 1000);
  tx.insert(roomHolds)
    .values({ kind, value, userId, expiresAt })
    .onConflictDoUpdate({ target: [roomHolds.kind, roomHolds.value], set: { userId, expiresAt } })
    .run();
}

function release(tx: Tx, kind: "pmi" | "link", value: string) {
  tx.delete(roomHolds).where(and(eq(roomHolds.kind, kind), eq(roomHolds.value, value))).run();
}

function record(tx: Tx, roomId: number, actorId: number, kind: "updated" | "secured", changes: RoomChange[]) {
  if (changes.length > 0) tx.insert(roomChanges).values({ roomId, actorId, kind, changes }).run();
}

/** Runs a write that reads first inside BEGIN IMMEDIATE, so two claims on one value are serialized. */
function immediate<T>(db: Db, body: (tx: Tx) => T): T {
  return db.transaction(body, { behavior: "immediate" });
}

/**
 * Changes the PMI and the link together, all or nothing. The old values stop resolving at once and are
 * held for the owner; meetings on the PMI follow it because they point at the room, not at the number.
 */
export function changeIdentity(db: Db, userId: number, actorId: number, next: { pmi: string; link: string }): Outcome {
  try {
    return immediate(db, (tx) => {
      const now = new Date();
      tx.delete(roomHolds).where(lte(roomHolds.expiresAt, now)).run();
      const room = roomOf(tx, userId);
      const refusals: Refusal[] = [];
      if (next.pmi !== room.pmi && !pmiAvailable(tx, next.pmi, userId, now)) refusals.push({ field: "pmi", rule: "pmi-in-use" });
      if (next.link !== room.link && !linkAvailable(tx, next.link, userId, now)) refusals.push({ field: "link", rule: "link-in-use" });
      if (refusals.length > 0) return { ok: false, refusals };

      const changed: RoomChange[] = [];
      if (next.pmi !== room.pmi) {
        hold(tx, "pmi", room.pmi, userId, now);
        release(tx, "pmi", next.pmi);
        changed.push({ field: "pmi", from: room.pmi, to: next.pmi });
      }
      if (next.link !== room.link) {
        hold(tx, "link", room.link, userId, now);
        release(tx, "link", next.link);
        changed.push({ field: "link", from: room.link, to: next.link });
      }
      if (changed.length === 0) return { ok: true, room, changed };
      const updated = tx.update(rooms).set({ pmi: next.pmi, link: next.link }).where(eq(rooms.id, room.id)).returning().get();
      record(tx, room.id, actorId, "updated", changed);
      return { ok: true, room: updated, changed };
    });
  } catch (error) {
    // The unique indexes are the last word: a claim that slipped past the check above is still refused.
    if (isUniqueViolation(error)) {
      const message = String((error as Error).message);
      return { ok: false, refusals: [message.includes("link") ? { field: "link", rule: "link-in-use" } : { field: "pmi", rule: "pmi-in-use" }] };
    }
    throw error;
  }
}

export type Settings = { passcode: string | null; joinBeforeHost: boolean; waitingRoom: boolean };

export function changeSettings(db: Db, userId: number, actorId: number, next: Settings): Outcome {
  const problems = settingsProblems(next);
  if (problems.length > 0) return { ok: false, refusals: problems };
  return immediate(db, (tx) => {
    const room = roomOf(tx, userId);
    const changed: RoomChange[] = [];
    // The passcode is a secret: the history says it changed, never what it was or became.
    if (next.passcode !== room.passcode) {
      changed.push({ field: "passcode", from: room.passcode ? "set" : "none", to: next.passcode ? "set" : "none" });
    }
    if (next.joinBeforeHost !== room.joinBeforeHost) changed.push({ field: "joinBeforeHost", from: room.joinBeforeHost, to: next.joinBeforeHost });
    if (next.waitingRoom !== room.waitingRoom) changed.push({ field: "waitingRoom", from: room.waitingRoom, to: next.waitingRoom });
    if (changed.length === 0) return { ok: true, room, changed };
    const updated = tx.update(rooms).set(next).where(eq(rooms.id, room.id)).returning().get();
    record(tx, room.id, actorId, "updated", changed);
    return { ok: true, room: updated, changed };
  });
}

/**
 * "Secure my room", after an intrusion: new generated PMI, the link with a random suffix (so the new one
 * cannot be guessed from the old), a new passcode, waiting room on, join before host off; the meeting in the
 * room ends and every guest is out, with every guest token and pass void.
 */
export function secureRoom(db: Db, userId: number, actorId: number): Room {
  return immediate(db, (tx) => {
    const now = new Date();
    const room = roomOf(tx, userId);
    let pmi = generatePmi();
    while (!pmiAvailable(tx, pmi, userId, now) || pmi === room.pmi) pmi = generatePmi();
    let link = securedLink(room.link);
    while (!linkAvailable(tx, link, userId, now)) link = securedLink(room.link);
    hold(tx, "pmi", room.pmi, userId, now);
    hold(tx, "link", room.link, userId, now);
    const bySupport = actorId !== userId;
    endIntrusion(tx, room.id);
    const updated = tx
      .update(rooms)
      .set({
        pmi,
        link,
        passcode: generatePasscode(),
        waitingRoom: true,
        joinBeforeHost: false,
        securedAt: bySupport ? now : room.securedAt,
        securedBy: bySupport ? actorId : room.securedBy,
      })
      .where(eq(rooms.id, room.id))
      .returning()
      .get();
    record(tx, room.id, actorId, "secured", [
      { field: "pmi", from: room.pmi, to: pmi },
      { field: "link", from: room.link, to: link },
      { field: "passcode", from: room.passcode ? "set" : "none", to: "set" },
      { field: "waitingRoom", from: room.waitingRoom, to: true },
      { field: "joinBeforeHost", from: room.joinBeforeHost, to: false },
    ]);
    return updated;
  });
}

export function roomHistory(db: Db, roomId: number, limit = 20) {
  return db.query.roomChanges.findMany({
    where: eq(roomChanges.roomId, roomId),
    orderBy: [desc(roomChanges.at), desc(roomChanges.id)],
    limit,
    with: { actor: { columns: { id: true, name: true, role: true } } },
  }).sync();
}

export function roomByPmi(db: Db, pmi: string): Room | undefined {
  return db.select().from(rooms).where(eq(rooms.pmi, pmi)).get();
}

export function roomByLink(db: Db, link: string): Room | undefined {
  return db.select().from(rooms).where(eq(sql`lower(${rooms.link})`, link.toLowerCase())).get();
}
