import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, inArray, lt, sql, type Placeholder } from "drizzle-orm";
import { engineOf, type Db } from "@/db";
import { withTransaction, type Tx } from "@/db/transaction";
import { sessions, ssoIdentities, users, type User } from "@/db/schema";
import { notifyUser } from "@/lib/mail/outbox";
import type { Origin } from "@/lib/mail/messages";

/** last_seen_at is written at most this often per session, so most reads of a session write nothing. */
const TOUCH_EVERY_MS = 60 * 60 * 1000;

/**
 * How long a session lasts: `idleMs` without use, `maxAgeMs` in all (checked here too, because next-auth
 * re-issues the token with a later expiry whenever /api/auth/session is asked).
 */
type SessionLimits = { idleMs: number; maxAgeMs: number };

const digest = (id: string) => createHash("sha256").update(id).digest("base64url");

const newId = () => randomBytes(32).toString("base64url");

/**
 * Starts a session and returns its id, which only the session token carries. Idle rows go at the same time
 * (an indexed range); a row too old but still in use goes when it is next read. `newBrowser`: the sign-in came
 * from a browser this account had not signed in from, and the owner is told where, in the same transaction.
 */
export async function startSession(
  db: Db,
  userId: number,
  limits: SessionLimits,
  now = new Date(),
  sso?: { idpSid?: string; idToken?: string },
  newBrowser?: Origin,
): Promise<string> {
  const id = newId();
  await withTransaction(db, async (tx) => {
    await tx.delete(sessions).where(lt(sessions.lastSeenAt, new Date(now.getTime() - limits.idleMs)));
    await tx.insert(sessions).values({
      id: digest(id),
      userId,
      createdAt: now,
      lastSeenAt: now,
      idpSid: sso?.idpSid ?? null,
      idToken: sso?.idToken ?? null,
    });
    if (newBrowser) await notifyUser(tx, userId, { kind: "new-sign-in", payload: { origin: newBrowser } });
  });
  return id;
}

/** The ID token a single sign-on session began with, for signing out at the provider too. */
export async function sessionIdToken(db: Db, id: string): Promise<string | null> {
  const [row] = await db
    .select({ idToken: sessions.idToken })
    .from(sessions)
    .where(eq(sessions.id, digest(id)))
    .limit(1);
  return row?.idToken ?? null;
}

/**
 * Back-channel logout: ends the sessions the provider names, by its session id (sid) when it gives one, else
 * every session of the subject's account. Only sessions of accounts linked to that identity are touched.
 */
export async function endSsoSessions(db: Db, issuer: string, request: { sub?: string; sid?: string }): Promise<number> {
  return withTransaction(db, async (tx) => {
    const owners = tx
      .select({ userId: ssoIdentities.userId })
      .from(ssoIdentities)
      .where(
        request.sub
          ? and(eq(ssoIdentities.issuer, issuer), eq(ssoIdentities.subject, request.sub))
          : eq(ssoIdentities.issuer, issuer),
      );
    const where = request.sid
      ? and(eq(sessions.idpSid, request.sid), inArray(sessions.userId, owners))
      : inArray(sessions.userId, owners);
    const ended = await tx.delete(sessions).where(where).returning({ id: sessions.id });
    return ended.length;
  });
}

const sessionWithUser = (db: Db, key: string | Placeholder) =>
  db
    .select({ user: users, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, key))
    .limit(1);

// Every signed-in request reads its session: on SQLite the query is compiled once per connection, since
// building and preparing it each time cost more than running it. PostgreSQL runs it as built.
const lookups = new WeakMap<Db, ReturnType<typeof compileLookup>>();
const compileLookup = (db: Db) => sessionWithUser(db, sql.placeholder("key")).prepare();

function compiledLookup(db: Db) {
  let found = lookups.get(db);
  if (!found) lookups.set(db, (found = compileLookup(db)));
  return found;
}

/**
 * The user of a live session: one primary-key read joined to the user. A session past its limits has ended
 * and is deleted. Since last_seen_at lags by up to an hour, idle means idle to within the hour.
 */
export async function sessionUser(db: Db, id: string, limits: SessionLimits, now = new Date()): Promise<User | null> {
  const key = digest(id);
  const row = engineOf(db) === "sqlite" ? compiledLookup(db).get({ key }) : (await sessionWithUser(db, key))[0];
  if (!row) return null;
  const idle = now.getTime() - row.lastSeenAt.getTime();
  if (idle > limits.idleMs || now.getTime() - row.createdAt.getTime() > limits.maxAgeMs) {
    await withTransaction(db, (tx) => tx.delete(sessions).where(eq(sessions.id, key)));
    return null;
  }
  if (idle >= TOUCH_EVERY_MS)
    await withTransaction(db, (tx) => tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, key)));
  return row.user;
}

/** The user id of a session, without touching it (for checks that must not count as use). */
export async function sessionOwner(db: Db, id: string): Promise<number | null> {
  const [row] = await db
    .select({ userId: sessions.userId })
    .from(sessions)
    .where(eq(sessions.id, digest(id)))
    .limit(1);
  return row?.userId ?? null;
}

/** Sign out: this session ends for every copy of its cookie. */
export async function endSession(db: Db, id: string): Promise<void> {
  await withTransaction(db, (tx) => tx.delete(sessions).where(eq(sessions.id, digest(id))));
}

/**
 * Ends every session of the user, this one and copies of its cookie included, and returns the id of a fresh
 * session for the browser that asked ("Sign out of every device", a password change). `alongside` runs in
 * the same transaction (the new password hash), so the change and the sign-outs happen together or not at all.
 */
export async function replaceAllSessions(
  db: Db,
  userId: number,
  alongside?: (tx: Tx) => Promise<unknown>,
  now = new Date(),
): Promise<string> {
  const id = newId();
  await withTransaction(db, async (tx) => {
    await alongside?.(tx);
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.insert(sessions).values({ id: digest(id), userId, createdAt: now, lastSeenAt: now });
  });
  return id;
}
