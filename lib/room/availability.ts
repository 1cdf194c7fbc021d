import "server-only";
import { and, eq, gt, ne, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { roomHolds, rooms } from "@/db/schema";

type Reader = Pick<Db, "select">;

/** Whether a released value is on hold for someone other than this user (SPEC §3: 30 days). */
async function heldForSomeoneElse(tx: Reader, kind: "pmi" | "link", value: string, userId: number, now: Date) {
  const [held] = await tx
    .select({ userId: roomHolds.userId })
    .from(roomHolds)
    .where(
      and(
        eq(roomHolds.kind, kind),
        eq(roomHolds.value, value),
        gt(roomHolds.expiresAt, now),
        ne(roomHolds.userId, userId),
      ),
    )
    .limit(1);
  return Boolean(held);
}

/** Free for this user: no other room holds it, and no hold keeps it for someone else. */
export async function pmiAvailable(tx: Reader, pmi: string, userId: number, now = new Date()): Promise<boolean> {
  const [taken] = await tx
    .select({ id: rooms.id })
    .from(rooms)
    .where(and(eq(rooms.pmi, pmi), ne(rooms.userId, userId)))
    .limit(1);
  return !taken && !(await heldForSomeoneElse(tx, "pmi", pmi, userId, now));
}

/** The same for a link, without regard to case (links are stored lower-case). */
export async function linkAvailable(tx: Reader, link: string, userId: number, now = new Date()): Promise<boolean> {
  const lower = link.toLowerCase();
  const [taken] = await tx
    .select({ id: rooms.id })
    .from(rooms)
    .where(and(eq(sql`lower(${rooms.link})`, lower), ne(rooms.userId, userId)))
    .limit(1);
  return !taken && !(await heldForSomeoneElse(tx, "link", lower, userId, now));
}
