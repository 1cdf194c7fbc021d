import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { withTransaction, type Tx } from "@/db/transaction";
import { attendees, liveSessions, meetings, rooms } from "@/db/schema";

export const HOST_OPS = ["start", "end", "lock", "unlock", "admit", "remove", "remove-waiting"] as const;
export type HostOp = (typeof HOST_OPS)[number];

/** `room:<id>` or `meeting:<id>` exactly as we write them: no `room:1.0`, `room:0x1`, `room: 1`. */
const LIVE_KEY = /^(room|meeting):([1-9][0-9]{0,14})$/;

/** The live keys a user may control: their room, and their own scheduled meetings. Anything else is null. */
export async function ownsKey(db: Db, userId: number, key: string): Promise<{ roomId: number; key: string } | null> {
  const match = LIVE_KEY.exec(key);
  if (!match) return null;
  const id = Number(match[2]);
  if (match[1] === "room") {
    const [room] = await db
      .select({ id: rooms.id })
      .from(rooms)
      .where(and(eq(rooms.id, id), eq(rooms.userId, userId)))
      .limit(1);
    return room ? { roomId: room.id, key: `room:${room.id}` } : null;
  }
  const [meeting] = await db
    .select({ id: meetings.id, roomId: meetings.roomId })
    .from(meetings)
    .where(and(eq(meetings.id, id), eq(meetings.userId, userId)))
    .limit(1);
  return meeting ? { roomId: meeting.roomId, key: `meeting:${meeting.id}` } : null;
}

/**
 * After an intrusion: the meeting in the room ends, everyone admitted, waiting or removed is gone, and the
 * room's guest epoch moves on, so no guest token or pass issued before still opens anything.
 */
export async function endIntrusion(tx: Tx, roomId: number) {
  const key = `room:${roomId}`;
  await tx.delete(liveSessions).where(eq(liveSessions.key, key));
  await tx.delete(attendees).where(eq(attendees.key, key));
  await tx
    .update(rooms)
    .set({ guestEpoch: sql`${rooms.guestEpoch} + 1` })
    .where(eq(rooms.id, roomId));
}

export async function liveState(db: Db, key: string) {
  const [[session], people] = await Promise.all([
    db.select().from(liveSessions).where(eq(liveSessions.key, key)).limit(1),
    db
      .select()
      .from(attendees)
      .where(and(eq(attendees.key, key), ne(attendees.status, "removed")))
      // Two guests can share a timestamp (PostgreSQL's now() is when each transaction began): id breaks the tie.
      .orderBy(asc(attendees.createdAt), asc(attendees.id)),
  ]);
  return {
    started: Boolean(session?.startedAt),
    locked: session?.locked ?? false,
    waiting: people.filter((p) => p.status === "waiting"),
    admitted: people.filter((p) => p.status === "admitted"),
  };
}

/** One host action. Ending a meeting lets everyone go but keeps removals, so a removed guest stays out. */
export async function hostAction(
  db: Db,
  roomId: number,
  key: string,
  op: HostOp,
  attendeeId?: number,
): Promise<boolean> {
  return withTransaction(db, async (tx) => {
    const session = (values: { startedAt?: Date | null; locked?: boolean }) =>
      tx
        .insert(liveSessions)
        .values({ key, roomId, startedAt: null, locked: false, ...values })
        .onConflictDoUpdate({ target: liveSessions.key, set: values });
    switch (op) {
      case "start":
        await session({ startedAt: new Date() });
        return true;
      case "end":
        await session({ startedAt: null, locked: false });
        await tx.delete(attendees).where(and(eq(attendees.key, key), ne(attendees.status, "removed")));
        return true;
      case "lock":
      case "unlock":
        await session({ locked: op === "lock" });
        return true;
      case "remove-waiting":
        await tx
          .update(attendees)
          .set({ status: "removed" })
          .where(and(eq(attendees.key, key), eq(attendees.status, "waiting")));
        return true;
      case "admit":
      case "remove": {
        if (!attendeeId) return false;
        const status = op === "admit" ? "admitted" : "removed";
        const changed = await tx
          .update(attendees)
          .set({ status })
          .where(and(eq(attendees.id, attendeeId), eq(attendees.key, key)))
          .returning({ id: attendees.id });
        return changed.length > 0;
      }
    }
  });
}
