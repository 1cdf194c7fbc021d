import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { rooms, type Room } from "@/db/schema";
import { requireUser } from "@/lib/auth";
import { roomHistory } from "@/lib/room-service";

/** The signed-in owner's room; the caller's identity comes from the session, never from an argument. */
export async function myRoom(): Promise<Room> {
  const user = await requireUser();
  const room = db().select().from(rooms).where(eq(rooms.userId, user.id)).get();
  if (!room) throw new Error(`Account ${user.id} has no room`);
  return room;
}

export async function myRoomHistory() {
  const room = await myRoom();
  return roomHistory(db(), room.id);
}

export type HistoryEntry = Awaited<ReturnType<typeof myRoomHistory>>[number];
