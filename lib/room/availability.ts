import "server-only";
import { and, eq, gt, ne, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { roomHolds, rooms } from "@/db/schema";

type Reader = Pick<Db, "select">;

/** Free for this user: no other room holds it, and no hold keeps it for someone else. */
export async function pmiAvailable(tx: Reader, pmi: string, userId: number, now = new Date()): Promise<boolean> {
  const [taken] = await tx
    .select({ id: rooms.id })
    .from(rooms)
    .where(and(eq(rooms.pmi, pmi), ne(rooms.userId, userId)))
    .limit(1);
  if (taken) return false;
  const [held] = await tx
    .select({ userId: roomHolds.userId })
    .from(roomHolds)
    .where(
      and(
        eq(roomHolds.kind, "pmi"),
        eq(roomHolds.value, pmi),
        gt(roomHolds.expiresAt, now),
        ne(roomHolds.userId, userId),
      ),
    )
    .limit(1);
  return !held;
}

export async function linkAvailable(tx: Reader, link: string, userId: number, now = new Date()): Promise<boolean> {
  const lower = link.toLowerCase();
  const [taken] = await tx
    .select({ id: rooms.id })
    .from(rooms)
    .where(and(eq(sql`lower(${rooms.link})`, lower), ne(rooms.userId, userId)))
    .limit(1);
  if (taken) return false;
  const [held] = await tx
    .select({ userId: roomHolds.userId })
    .from(roomHolds)
    .where(
      and(
        eq(roomHolds.kind, "link"),
        eq(roomHolds.value, lower),
        gt(roomHolds.expiresAt, now),
        ne(roomHolds.userId, userId),
      ),
    )
    .limit(1);
  return !held;
}
