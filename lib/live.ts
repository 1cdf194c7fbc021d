import "server-only";
import { and, asc, eq, ne } from "drizzle-orm";
import type { Db } from "@/db";
import { attendees, liveSessions, meetings, rooms } from "@/db/schema";

export type HostOp = "start" | "end" | "lock" | "unlock" | "admit" | "remove";

/** The live keys a user may control: their room, and their own scheduled meetings. */
export function ownsKey(db: Db, userId: number, key: string): { roomId: number } | null {
  const [kind, rawId] = key.split(":");
  const id = Number(rawId);
  if (!Number.isSafeInteger(id)) return null;
  if (kind === "room") {
    const room = db.select({ id: rooms.id }).from(rooms).where(and(eq(rooms.id, id), eq(rooms.userId, userId))).get();
    return room ? { roomId: room.id } : null;
  }
  if (kind === "meeting") {
    const meeting = db.select({ roomId: meetings.roomId }).from(meetings).where(and(eq(meetings.id, id), eq(meetings.userId, userId))).get();
    return meeting ? { roomId: meeting.roomId } : null;
  }
  return null;
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
