import "server-only";
import { db } from "@/db";
import type { Room } from "@/db/schema";
import { requireUser } from "@/lib/auth";
import { userById } from "@/lib/auth/users";
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { roomChanges } from "@/db/schema";
import { roomOfUser } from "@/lib/room/service";

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

/** The latest changes to a room, newest first, with who made them. */
export function roomHistory(db: Db, roomId: number, limit = 20) {
  return db.query.roomChanges.findMany({
    where: eq(roomChanges.roomId, roomId),
    orderBy: [desc(roomChanges.at), desc(roomChanges.id)],
    limit,
    with: { actor: { columns: { id: true, name: true, role: true } } },
  });
}
