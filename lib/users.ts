import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { roomChanges, rooms, users, type User } from "@/db/schema";
import { generatePasscode, generatePmi, linkFromName, numberedLink } from "@/lib/validation/generate";
import type { Role } from "@/lib/validation/account";
import { pmiAvailable, linkAvailable } from "@/lib/room-availability";

export type NewAccount = { email: string; name: string; passwordHash: string; role?: Role };

/**
 * Creates an account together with its personal room (SPEC §3 defaults: generated PMI and passcode,
 * waiting room on, join before host off, link from the name with a number added if taken).
 */
export function createUserWithRoom(db: Db, account: NewAccount): User {
  return db.transaction((tx) => {
    const user = tx
      .insert(users)
      .values({ email: account.email.toLowerCase(), name: account.name, passwordHash: account.passwordHash, role: account.role ?? "owner" })
      .returning()
      .get();
    let pmi = generatePmi();
    while (!pmiAvailable(tx, pmi, user.id)) pmi = generatePmi();
    const base = linkFromName(account.name);
    let link = base;
    for (let n = 2; !linkAvailable(tx, link, user.id); n++) link = numberedLink(base, n);
    const room = tx
      .insert(rooms)
      .values({ userId: user.id, pmi, link, passcode: generatePasscode(), waitingRoom: true, joinBeforeHost: false })
      .returning()
      .get();
    tx.insert(roomChanges)
      .values({ roomId: room.id, actorId: user.id, kind: "created", changes: [{ field: "pmi", to: pmi }, { field: "link", to: link }] })
      .run();
    return user;
  }, { behavior: "immediate" });
}

export function userByEmail(db: Db, email: string): User | undefined {
  return db.select().from(users).where(eq(sql`lower(${users.email})`, email.trim().toLowerCase())).get();
}

export function userById(db: Db, id: number): User | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function countUsers(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
}
