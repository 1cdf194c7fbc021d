import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { databaseError } from "@/db/errors";
import { withTransaction, type Tx } from "@/db/transaction";
import { roomChanges, rooms, ssoIdentities, users, type User } from "@/db/schema";
import type { Role } from "@/lib/validation/account";
import { pmiAvailable, linkAvailable } from "@/lib/room/availability";
import { shapeNewRoom } from "@/lib/room/new-room";
import { notifyUser } from "@/lib/mail/outbox";
import type { Origin } from "@/lib/mail/messages";

type NewAccount = {
  email: string;
  name: string;
  /** Null for an account that signs in only through single sign-on. */
  passwordHash: string | null;
  role?: Role;
  /** The identity at an OpenID provider that signs in to it, made in the same transaction. */
  sso?: { issuer: string; subject: string };
};

/**
 * Creates an account together with its personal room (SPEC §3 defaults: generated PMI and passcode,
 * waiting room on, join before host off, link from the name with a number added if taken).
 */
export async function createUserWithRoom(db: Db, account: NewAccount): Promise<User> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await insertUserWithRoom(db, account);
    } catch (error) {
      // On PostgreSQL an account created at the same moment can take the link or PMI chosen here; the unique
      // index refuses the second one, and choosing again finds the next free value.
      const constraint = databaseError(error)?.constraint ?? "";
      if (attempt >= 3 || !["rooms_pmi_unique", "rooms_link_lower_unique"].includes(constraint)) throw error;
    }
  }
}

async function insertUserWithRoom(db: Db, account: NewAccount): Promise<User> {
  return withTransaction(db, async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        email: account.email.toLowerCase(),
        name: account.name,
        passwordHash: account.passwordHash,
        role: account.role ?? "owner",
      })
      .returning();
    const { room: values, created } = await shapeNewRoom(account.name, {
      pmi: (pmi) => pmiAvailable(tx, pmi, user!.id),
      link: (link) => linkAvailable(tx, link, user!.id),
    });
    const [room] = await tx
      .insert(rooms)
      .values({ userId: user!.id, ...values })
      .returning();
    await tx.insert(roomChanges).values({ roomId: room!.id, actorId: user!.id, kind: "created", changes: created });
    if (account.sso) await tx.insert(ssoIdentities).values({ userId: user!.id, ...account.sso });
    return user!;
  });
}

export async function userByEmail(db: Db, email: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  return user;
}

export async function userById(db: Db, id: number): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return user;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(users);
  return Number(row?.n ?? 0);
}

/** Stores a new password hash and tells the owner; callers end the account's sessions in the same transaction. */
export async function setPasswordHash(tx: Tx, userId: number, passwordHash: string, origin: Origin): Promise<void> {
  await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
  await notifyUser(tx, userId, { kind: "password-changed", payload: { origin } });
}
