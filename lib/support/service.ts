import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { withTransaction } from "@/db/transaction";
import { helpVotes, meetings, rooms, supportAccessLog, users, type Room, type User } from "@/db/schema";
import { votablePages } from "@/lib/help/pages";
import { secureRoom } from "@/lib/room/service";
import type { Origin } from "@/lib/mail/messages";
import { hasLinkShape } from "@/lib/validation/link";
import { normalizePmi } from "@/lib/validation/pmi";

export type Found = { user: User; room: Room; matchedBy: "email" | "pmi" | "meeting" | "link" };

/**
 * Finds one account from what people paste: an email (any case), a PMI or meeting ID (spaced, hyphenated),
 * a personal link, or a full join URL (`https://host/j/415-555-0134`, `.../my/Ada.Lovelace`).
 */
export async function findUser(db: Db, raw: string): Promise<Found | null> {
  let query = raw.trim().slice(0, 300);
  if (!query) return null;
  try {
    const url = new URL(query);
    query = decodeURIComponent(url.pathname);
  } catch {
    // not a URL: use it as typed
  }
  const path = /^\/?(j|my)\/([^/?#]+)\/?$/i.exec(query);
  if (path) query = path[2]!;

  const byUser = async (where: ReturnType<typeof eq>, matchedBy: Found["matchedBy"]) => {
    const [row] = await db
      .select({ user: users, room: rooms })
      .from(users)
      .innerJoin(rooms, eq(rooms.userId, users.id))
      .where(where)
      .limit(1);
    return row ? { ...row, matchedBy } : null;
  };
  if (query.includes("@")) return byUser(eq(sql`lower(${users.email})`, query.toLowerCase()), "email");
  const digits = normalizePmi(query);
  if (/^\d{10}$/.test(digits)) return byUser(eq(rooms.pmi, digits), "pmi");
  if (/^\d{11}$/.test(digits)) {
    const [meeting] = await db
      .select({ userId: meetings.userId })
      .from(meetings)
      .where(eq(meetings.meetingId, digits))
      .limit(1);
    return meeting ? byUser(eq(users.id, meeting.userId), "meeting") : null;
  }
  if (hasLinkShape(query)) return byUser(eq(sql`lower(${rooms.link})`, query.toLowerCase()), "link");
  return null;
}

export async function logAccess(
  db: Db,
  entry: { supportUserId: number; targetUserId: number | null; query: string; action?: "lookup" | "secure" | "send" },
) {
  await withTransaction(db, (tx) => tx.insert(supportAccessLog).values({ ...entry, query: entry.query.slice(0, 300) }));
}

export type VoteTotal = { path: string; title: string; yes: number; no: number; share: number };

/** "Was this helpful?" totals per page, most helpful first (pages without answers are left out). */
export async function voteTotals(db: Db): Promise<VoteTotal[]> {
  const titles = new Map(votablePages().map((p) => [p.path, p.title]));
  const rows = await db
    .select({
      path: helpVotes.page,
      yes: sql<number>`sum(case when ${helpVotes.helpful} then 1 else 0 end)`,
      total: sql<number>`count(*)`,
    })
    .from(helpVotes)
    .groupBy(helpVotes.page);
  return rows
    .map((r) => ({ ...r, yes: Number(r.yes), total: Number(r.total) }))
    .filter((r) => titles.has(r.path))
    .map((r) => ({ path: r.path, title: titles.get(r.path)!, yes: r.yes, no: r.total - r.yes, share: r.yes / r.total }))
    .sort((a, b) => b.share - a.share || b.yes + b.no - (a.yes + a.no));
}

/** "Secure this room" for a user who reports an intrusion, through the room's own service, on the record. */
export async function secureUserRoom(db: Db, target: User, staffId: number, origin: Origin): Promise<void> {
  await secureRoom(db, target.id, staffId, origin);
  await logAccess(db, { supportUserId: staffId, targetUserId: target.id, query: target.email, action: "secure" });
}
