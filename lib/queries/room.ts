import "server-only";
import { db } from "@/db";
import type { Room } from "@/db/schema";
import { requireUser } from "@/lib/auth";
import { userById } from "@/lib/users";
import { roomHistory, roomOfUser } from "@/lib/room-service";

/** The signed-in owner's room; the caller's identity comes from the session, never from an argument. */
export async function myRoom(): Promise<Room> {
  const user = await requireUser();
  return roomOfUser(db(), user.id);
}

/** Who secured the room from the support console, for the notice on /room. */
export async function securedByName(room: Room): Promise<string | null> {
  return room.securedBy ? ((await userById(db(), room.securedBy))?.name ?? null) : null;
}

export async function myRoomHistory() {
  const room = await myRoom();
  return roomHistory(db(), room.id);
}

export type HistoryEntry = Awaited<ReturnType<typeof myRoomHistory>>[number];
