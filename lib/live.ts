import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { attendees, liveSessions, meetings, rooms } from "@/db/schema";

export const HOST_OPS = ["start", "end", "lock", "unlock", "admit", "remove", "remove-waiting"] as const;
export type HostOp = (typeof HOST_OPS)[number];

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** `room:<id>` or `meeting:<id>` exactly as we write them: no `room:1.0`, `room:0x1`, `room: 1`. */
const LIVE_KEY = /^(room|meeting):([1-9][0-9]{0,14})$/;

/** The live keys a user may control: their room, and their own scheduled meetings. Anything else is null. */
export function ownsKey(db: Db, userId: number, key: string): { roomId: number; key: string } | null {
  const match = LIVE_KEY.exec(key);
  if (!match) return null;
  const id = Number(match[2]);
  if (match[1] === "room") {
    const room = db.select({ id: rooms.id }).from(rooms).where(and(eq(rooms.id, id), eq(rooms.userId, userId))).get();
    return room ? { roomId: room.id, key: `room:${room.id}` } : null;
  }
  const meeting = db.select({ id: meetings.id, roomId: meetings.roomId }).from(meetings).where(and(eq(meetings.id, id), eq(meetings.userId, userId))).get();
  return meeting ? { roomId: meeting.roomId, key: `meeting:${meeting.id}` } : null;
}

/**
 * After an intrusion: the meeting in the room ends, everyone admitted, waiting or removed is gone, and the
 * room's guest epoch moves on, so no guest token or pass issued before still opens anything.
 */
export function endIntrusion(tx: Tx, roomId: number) {
  const key = `room:${roomId}`;
  tx.delete(liveSessions).where(eq(liveSessions.key, key)).run();
  tx.delete(attendees).where(eq(attendees.key, key)).run();
  tx.update(rooms).set({ guestEpoch: sql`${rooms.guestEpoch} + 1` }).where(eq(rooms.id, roomId)).run();
}

export function liveState(db: Db, key: string) {
  const session = db.select().from(liveSessions).where(eq(liveSessions.key, key)).get();
  const people = db.select().from(attendees).where(and(eq(attendees.key, key), ne(attendees.status, "removed"))).orderBy(asc(attendees.createdAt)).all();
  return {
    started: Boolean(session?.startedAt),
    locked: session?.locked ?? false,
    waiting: people.filter((p) => p.status === "waiting"),
    admitted: people.filter((p) => p.status === "admitted"),
  };
}

/** One host action. Ending a meeting lets everyone go but keeps removals, so a removed guest stays out. */
export function hostAction(db: Db, roomId: number, key: string, op: HostOp, attendeeId?: number): boolean {
  return db.transaction(
    (tx) => {
      const session = (values: { startedAt?: Date | null; locked?: boolean }) =>
        tx.insert(liveSessions).values({ key, roomId, startedAt: null, locked: false, ...values }).onConflictDoUpdate({ target: liveSessions.key, set: values }).run();
      switch (op) {
        case "start":
          session({ startedAt: new Date() });
          return true;
        case "end":
          session({ startedAt: null, locked: false });
          tx.delete(attendees).where(and(eq(attendees.key, key), ne(attendees.status, "removed"))).run();
          return true;
        case "lock":
        case "unlock":
          session({ locked: op === "lock" });
          return true;
        case "remove-waiting":
          tx.update(attendees).set({ status: "removed" }).where(and(eq(attendees.key, key), eq(attendees.status, "waiting"))).run();
          return true;
        case "admit":
        case "remove": {
          if (!attendeeId) return false;
          const status = op === "admit" ? "admitted" : "removed";
          return tx.update(attendees).set({ status }).where(and(eq(attendees.id, attendeeId), eq(attendees.key, key))).run().changes > 0;
        }
      }
    },
    { behavior: "immediate" },
  );
}
