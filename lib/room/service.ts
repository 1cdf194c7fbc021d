import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { databaseError } from "@/db/errors";
import { lockRows, withTransaction, type Tx } from "@/db/transaction";
import { rooms, type Room, type RoomChange, type RoomChangeRow } from "@/db/schema";
import { endIntrusion } from "@/lib/join/live";
import { notifyUser } from "@/lib/mail/outbox";
import { originUnknown, type Origin } from "@/lib/mail/messages";
import {
  endExpiredHolds,
  holdValue,
  insertChange,
  releaseValue,
  selectRoomOfUser,
  updateIdentity,
  updateSettings,
} from "@/lib/room/statements";
import { linkAvailable, pmiAvailable } from "@/lib/room/availability";
import { generatePasscode, generatePmi, securedLink } from "@/lib/validation/generate";
import { settingsProblems, type RoomSettings } from "@/lib/validation/room";
import type { RuleId } from "@/lib/validation/rules";

/** How long a released PMI or link stays reserved for its previous owner (SPEC §3). */
const HOLD_DAYS = 30;

export type Refusal = { field: string; rule: RuleId };
/** The history entry a change recorded, as stored. */
export type Recorded = Pick<RoomChangeRow, "id" | "at" | "kind" | "changes">;
/** A change's result: the room as saved, what changed, its history entry, and when the room last changed before. */
type Outcome =
  { ok: true; room: Room; changed: RoomChange[]; entry?: Recorded; before: Date } | { ok: false; refusals: Refusal[] };

// The unique constraints on rooms, by what the database names in its error: SQLite gives the columns of a
// column index ("rooms.pmi") and the name of an expression index; PostgreSQL gives the constraint's name.
const UNIQUE_FIELDS: Record<string, "pmi" | "link"> = {
  "rooms.pmi": "pmi",
  rooms_pmi_unique: "pmi",
  rooms_link_lower_unique: "link",
};

function uniqueViolationField(thrown: unknown): "pmi" | "link" | null {
  const error = databaseError(thrown);
  if (!error || (!error.code.startsWith("SQLITE_CONSTRAINT_UNIQUE") && error.code !== "23505")) return null;
  const named =
    error.constraint ??
    /UNIQUE constraint failed: (?:index '([^']+)'|([\w.]+))/.exec(error.message)?.slice(1).find(Boolean);
  return named ? (UNIQUE_FIELDS[named] ?? null) : null;
}

/** The room every account has (SPEC §2): its absence is a broken database, not a user error. */
export async function roomOfUser(tx: Db, userId: number): Promise<Room> {
  const room = await selectRoomOfUser(tx, userId);
  if (!room) throw new Error(`Account ${userId} has no room`);
  return room;
}

/** The room, locked until the transaction ends: its changes are computed from what it holds now. */
async function lockedRoomOfUser(tx: Tx, userId: number): Promise<Room> {
  await lockRows(tx, rooms, eq(rooms.userId, userId));
  return roomOfUser(tx, userId);
}

/** Releases the old value into a 30-day hold for its owner; taking a value back ends its hold. */
async function hold(tx: Tx, kind: "pmi" | "link", value: string, userId: number, now: Date) {
  const expiresAt = new Date(now.getTime() + HOLD_DAYS * 24 * 60 * 60 * 1000);
  await holdValue(tx, { kind, value, userId, expiresAt });
}

async function release(tx: Tx, kind: "pmi" | "link", value: string) {
  await releaseValue(tx, kind, value);
}

async function record(
  tx: Tx,
  roomId: number,
  actorId: number,
  kind: "updated" | "secured",
  changes: RoomChange[],
): Promise<Recorded | undefined> {
  if (changes.length === 0) return undefined;
  const row = await insertChange(tx, { roomId, actorId, kind, changes });
  return row && { ...row, kind, changes };
}

/**
 * Changes the PMI and the link together, all or nothing. The old values stop resolving at once and are
 * held for the owner; meetings on the PMI follow it because they point at the room, not at the number.
 */
export async function changeIdentity(
  db: Db,
  userId: number,
  actorId: number,
  next: { pmi: string; link: string },
  origin: Origin = originUnknown(),
): Promise<Outcome> {
  try {
    return await withTransaction(db, async (tx): Promise<Outcome> => {
      const now = new Date();
      await endExpiredHolds(tx, now);
      const room = await lockedRoomOfUser(tx, userId);
      const refusals: Refusal[] = [];
      if (next.pmi !== room.pmi && !(await pmiAvailable(tx, next.pmi, userId, now)))
        refusals.push({ field: "pmi", rule: "pmi-in-use" });
      if (next.link !== room.link && !(await linkAvailable(tx, next.link, userId, now)))
        refusals.push({ field: "link", rule: "link-in-use" });
      if (refusals.length > 0) return { ok: false, refusals };

      const changed: RoomChange[] = [];
      if (next.pmi !== room.pmi) {
        await hold(tx, "pmi", room.pmi, userId, now);
        await release(tx, "pmi", next.pmi);
        changed.push({ field: "pmi", from: room.pmi, to: next.pmi });
      }
      if (next.link !== room.link) {
        await hold(tx, "link", room.link, userId, now);
        await release(tx, "link", next.link);
        changed.push({ field: "link", from: room.link, to: next.link });
      }
      if (changed.length === 0) return { ok: true, room, changed, before: room.updatedAt };
      const updated = await updateIdentity(tx, room.id, { pmi: next.pmi, link: next.link });
      const entry = await record(tx, room.id, actorId, "updated", changed);
      await notifyUser(tx, userId, { kind: "room-changed", payload: { changes: changed, origin } });
      return { ok: true, room: updated!, changed, entry, before: room.updatedAt };
    });
  } catch (error) {
    // The unique indexes are the last word: a claim that slipped past the check above is still refused.
    const field = uniqueViolationField(error);
    if (field) return { ok: false, refusals: [{ field, rule: field === "pmi" ? "pmi-in-use" : "link-in-use" }] };
    throw error;
  }
}

export async function changeSettings(
  db: Db,
  userId: number,
  actorId: number,
  next: RoomSettings,
  origin: Origin = originUnknown(),
): Promise<Outcome> {
  const problems = settingsProblems(next);
  if (problems.length > 0) return { ok: false, refusals: problems };
  return withTransaction(db, async (tx): Promise<Outcome> => {
    const room = await lockedRoomOfUser(tx, userId);
    const changed: RoomChange[] = [];
    // The passcode is a secret: the history says it changed, never what it was or became.
    if (next.passcode !== room.passcode) {
      changed.push({ field: "passcode", from: room.passcode ? "set" : "none", to: next.passcode ? "set" : "none" });
    }
    if (next.joinBeforeHost !== room.joinBeforeHost)
      changed.push({ field: "joinBeforeHost", from: room.joinBeforeHost, to: next.joinBeforeHost });
    if (next.waitingRoom !== room.waitingRoom)
      changed.push({ field: "waitingRoom", from: room.waitingRoom, to: next.waitingRoom });
    if (changed.length === 0) return { ok: true, room, changed, before: room.updatedAt };
    const updated = await updateSettings(tx, room.id, next);
    const entry = await record(tx, room.id, actorId, "updated", changed);
    // The passcode goes as "changed" only (lib/mail/messages.ts withoutSecrets).
    await notifyUser(tx, userId, { kind: "room-changed", payload: { changes: changed, origin } });
    return { ok: true, room: updated!, changed, entry, before: room.updatedAt };
  });
}

/**
 * "Secure my room", after an intrusion: new generated PMI, the link with a random suffix (so the new one
 * cannot be guessed from the old), a new passcode, waiting room on, join before host off; the meeting in the
 * room ends and every guest is out, with every guest token and pass void.
 */
export async function secureRoom(
  db: Db,
  userId: number,
  actorId: number,
  origin: Origin = originUnknown(),
): Promise<Room> {
  return withTransaction(db, async (tx) => {
    const now = new Date();
    const room = await lockedRoomOfUser(tx, userId);
    let pmi = generatePmi();
    while (pmi === room.pmi || !(await pmiAvailable(tx, pmi, userId, now))) pmi = generatePmi();
    let link = securedLink(room.link);
    while (!(await linkAvailable(tx, link, userId, now))) link = securedLink(room.link);
    await hold(tx, "pmi", room.pmi, userId, now);
    await hold(tx, "link", room.link, userId, now);
    const bySupport = actorId !== userId;
    await endIntrusion(tx, room.id);
    const [updated] = await tx
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
      .returning();
    await record(tx, room.id, actorId, "secured", [
      { field: "pmi", from: room.pmi, to: pmi },
      { field: "link", from: room.link, to: link },
      { field: "passcode", from: room.passcode ? "set" : "none", to: "set" },
      { field: "waitingRoom", from: room.waitingRoom, to: true },
      { field: "joinBeforeHost", from: room.joinBeforeHost, to: false },
    ]);
    await notifyUser(tx, userId, { kind: "room-secured", payload: { origin } });
    return updated!;
  });
}
