import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { eq, lt } from "drizzle-orm";
import type { Db } from "@/db";
import { sessions, users, type User } from "@/db/schema";

/** last_seen_at is written at most this often per session, so most reads of a session write nothing. */
export const TOUCH_EVERY_MS = 60 * 60 * 1000;

/**
 * How long a session lasts: `idleMs` without use, `maxAgeMs` in all (checked here too, because next-auth
 * re-issues the token with a later expiry whenever /api/auth/session is asked).
 */
export type SessionLimits = { idleMs: number; maxAgeMs: number };

const digest = (id: string) => createHash("sha256").update(id).digest("base64url");

const newId = () => randomBytes(32).toString("base64url");

/**
 * Starts a session and returns its id, which only the session token carries. Idle rows go at the same time
 * (an indexed range); a row too old but still in use goes when it is next read.
 */
export function startSession(db: Db, userId: number, limits: SessionLimits, now = new Date()): string {
  const id = newId();
  db.delete(sessions).where(lt(sessions.lastSeenAt, new Date(now.getTime() - limits.idleMs))).run();
  db.insert(sessions).values({ id: digest(id), userId, createdAt: now, lastSeenAt: now }).run();
  return id;
}

/**
 * The user of a live session: one primary-key read joined to the user. A session past its limits has ended
 * and is deleted. Since last_seen_at lags by up to an hour, idle means idle to within the hour.
 */
export function sessionUser(db: Db, id: string, limits: SessionLimits, now = new Date()): User | null {
  const key = digest(id);
  const row = db
    .select({ user: users, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, key))
    .get();
  if (!row) return null;
  const idle = now.getTime() - row.lastSeenAt.getTime();
  if (idle > limits.idleMs || now.getTime() - row.createdAt.getTime() > limits.maxAgeMs) {
    db.delete(sessions).where(eq(sessions.id, key)).run();
    return null;
  }
  if (idle >= TOUCH_EVERY_MS) db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, key)).run();
  return row.user;
}

/** The user id of a session, without touching it (for checks that must not count as use). */
export function sessionOwner(db: Db, id: string): number | null {
  return db.select({ userId: sessions.userId }).from(sessions).where(eq(sessions.id, digest(id))).get()?.userId ?? null;
}

/** Sign out: this session ends for every copy of its cookie. */
export function endSession(db: Db, id: string): void {
  db.delete(sessions).where(eq(sessions.id, digest(id))).run();
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * Ends every session of the user, this one and copies of its cookie included, and returns the id of a fresh
 * session for the browser that asked ("Sign out of every device", a password change). `alongside` runs in
 * the same transaction (the new password hash), so the change and the sign-outs happen together or not at all.
 */
export function replaceAllSessions(db: Db, userId: number, alongside?: (tx: Tx) => void, now = new Date()): string {
  const id = newId();
  db.transaction(
    (tx) => {
      alongside?.(tx);
      tx.delete(sessions).where(eq(sessions.userId, userId)).run();
      tx.insert(sessions).values({ id: digest(id), userId, createdAt: now, lastSeenAt: now }).run();
    },
    { behavior: "immediate" },
  );
  return id;
}
