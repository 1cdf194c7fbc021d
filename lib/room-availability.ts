import "server-only";
import { and, eq, gt, ne, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { roomHolds, rooms } from "@/db/schema";

type Tx = Pick<Db, "select">;

/** Free for this user: no other room holds it, and no hold keeps it for someone else. */
export function pmiAvailable(tx: Tx, pmi: string, userId: number, now = new Date()): boolean {
  const taken = tx.select({ id: rooms.id }).from(rooms).where(and(eq(rooms.pmi, pmi), ne(rooms.userId, userId))).get();
  if (taken) return false;
  const held = tx
    .select({ userId: roomHolds.userId })
    .from(roomHolds)
    .where(and(eq(roomHolds.kind, "pmi"), eq(roomHolds.value, pmi), gt(roomHolds.expiresAt, now), ne(roomHolds.userId, userId)))
    .get();
  return !held;
}

export function linkAvailable(tx: Tx, link: string, userId: number, now = new Date()): boolean {
  const lower = link.toLowerCase();
  const taken = tx
    .select({ id: rooms.id })
    .from(rooms)
    .where(and(eq(sql`lower(${rooms.link})`, lower), ne(rooms.userId, userId)))
    .get();
  if (taken) return false;
  const held = tx
    .select({ userId: roomHolds.userId })
    .from(roomHolds)
    .where(and(eq(roomHolds.kind, "link"), eq(roomHolds.value, lower), gt(roomHolds.expiresAt, now), ne(roomHolds.userId, userId)))
    .get();
  return !held;
}
