import "server-only";
import { and, eq, gt, ne, sql } from "drizzle-orm";
import { engineOf, type Db } from "@/db";
import { roomHolds, rooms } from "@/db/schema";
import { heldForOther, takenByOtherRoom } from "@/lib/room/statements";

// An identity save runs these: on SQLite through statements compiled once per connection (lib/room/statements.ts).

/** Whether a released value is on hold for someone other than this user (SPEC §3: 30 days). */
async function heldForSomeoneElse(tx: Db, kind: "pmi" | "link", value: string, userId: number, now: Date) {
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
export async function pmiAvailable(tx: Db, pmi: string, userId: number, now = new Date()): Promise<boolean> {
  if (engineOf(tx) === "sqlite")
    return !takenByOtherRoom(tx, "pmi", pmi, userId) && !heldForOther(tx, "pmi", pmi, userId, now);
  const [taken] = await tx
    .select({ id: rooms.id })
    .from(rooms)
    .where(and(eq(rooms.pmi, pmi), ne(rooms.userId, userId)))
    .limit(1);
  return !taken && !(await heldForSomeoneElse(tx, "pmi", pmi, userId, now));
}

/** The same for a link, without regard to case (links are stored lower-case). */
export async function linkAvailable(tx: Db, link: string, userId: number, now = new Date()): Promise<boolean> {
  const lower = link.toLowerCase();
  if (engineOf(tx) === "sqlite")
    return !takenByOtherRoom(tx, "link", lower, userId) && !heldForOther(tx, "link", lower, userId, now);
  const [taken] = await tx
    .select({ id: rooms.id })
    .from(rooms)
    .where(and(eq(sql`lower(${rooms.link})`, lower), ne(rooms.userId, userId)))
    .limit(1);
  return !taken && !(await heldForSomeoneElse(tx, "link", lower, userId, now));
}
