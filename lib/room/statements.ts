import "server-only";
import { and, eq, gt, lte, ne, sql } from "drizzle-orm";
import { engineOf, type Db } from "@/db";
import { roomChanges, roomHolds, rooms, type RoomChange } from "@/db/schema";

// A placeholder as raw SQL, which Drizzle's types accept in `set`; its value is not mapped. Neither is one
// compared in a where clause: times go in as the ms the columns store.
const value = (name: string) => sql`${sql.placeholder(name)}`;

/**
 * What every room save runs, compiled once per SQLite connection (PostgreSQL runs the same queries as built): building and compiling these statements again for
 * each save cost more than running them. Insert values are mapped as usual; the update's are given as stored.
 */
function compile(db: Db) {
  return {
    roomOfUser: db
      .select()
      .from(rooms)
      .where(eq(rooms.userId, sql.placeholder("userId")))
      .limit(1)
      .prepare(),
    saveSettings: db
      .update(rooms)
      .set({
        passcode: value("passcode"),
        joinBeforeHost: value("joinBeforeHost"),
        waitingRoom: value("waitingRoom"),
        updatedAt: value("updatedAt"),
      })
      .where(eq(rooms.id, sql.placeholder("id")))
      .returning()
      .prepare(),
    record: db
      .insert(roomChanges)
      .values({
        roomId: sql.placeholder("roomId"),
        actorId: sql.placeholder("actorId"),
        kind: sql.placeholder("kind"),
        changes: sql.placeholder("changes"),
      })
      .returning({ id: roomChanges.id, at: roomChanges.at })
      .prepare(),
    saveIdentity: db
      .update(rooms)
      .set({ pmi: value("pmi"), link: value("link"), updatedAt: value("updatedAt") })
      .where(eq(rooms.id, sql.placeholder("id")))
      .returning()
      .prepare(),
    pmiTaken: db
      .select({ id: rooms.id })
      .from(rooms)
      .where(and(eq(rooms.pmi, sql.placeholder("pmi")), ne(rooms.userId, sql.placeholder("userId"))))
      .limit(1)
      .prepare(),
    linkTaken: db
      .select({ id: rooms.id })
      .from(rooms)
      .where(and(eq(sql`lower(${rooms.link})`, sql.placeholder("link")), ne(rooms.userId, sql.placeholder("userId"))))
      .limit(1)
      .prepare(),
    heldForOther: db
      .select({ userId: roomHolds.userId })
      .from(roomHolds)
      .where(
        and(
          eq(roomHolds.kind, sql.placeholder("kind")),
          eq(roomHolds.value, sql.placeholder("value")),
          gt(roomHolds.expiresAt, value("now")),
          ne(roomHolds.userId, sql.placeholder("userId")),
        ),
      )
      .limit(1)
      .prepare(),
    endHolds: db
      .delete(roomHolds)
      .where(lte(roomHolds.expiresAt, value("now")))
      .prepare(),
    hold: db
      .insert(roomHolds)
      .values({
        kind: sql.placeholder("kind"),
        value: sql.placeholder("value"),
        userId: sql.placeholder("userId"),
        expiresAt: sql.placeholder("expiresAt"),
      })
      .onConflictDoUpdate({
        target: [roomHolds.kind, roomHolds.value],
        set: { userId: sql`excluded.user_id`, expiresAt: sql`excluded.expires_at` },
      })
      .prepare(),
    release: db
      .delete(roomHolds)
      .where(and(eq(roomHolds.kind, sql.placeholder("kind")), eq(roomHolds.value, sql.placeholder("value"))))
      .prepare(),
  };
}

const compiled = new WeakMap<Db, ReturnType<typeof compile>>();

function statements(db: Db) {
  let found = compiled.get(db);
  if (!found) compiled.set(db, (found = compile(db)));
  return found;
}

export async function selectRoomOfUser(db: Db, userId: number) {
  if (engineOf(db) !== "sqlite") return (await db.select().from(rooms).where(eq(rooms.userId, userId)).limit(1))[0];
  return statements(db).roomOfUser.get({ userId });
}

export async function updateSettings(
  db: Db,
  id: number,
  next: { passcode: string | null; joinBeforeHost: boolean; waitingRoom: boolean },
) {
  if (engineOf(db) !== "sqlite") {
    const [row] = await db
      .update(rooms)
      .set({ ...next, updatedAt: new Date() })
      .where(eq(rooms.id, id))
      .returning();
    return row;
  }
  // Booleans as 1/0 and the time in ms, as the SQLite columns store them.
  const [row] = statements(db).saveSettings.all({
    id,
    passcode: next.passcode,
    joinBeforeHost: next.joinBeforeHost ? 1 : 0,
    waitingRoom: next.waitingRoom ? 1 : 0,
    updatedAt: Date.now(),
  });
  return row;
}

export async function insertChange(
  db: Db,
  entry: { roomId: number; actorId: number; kind: "updated" | "secured"; changes: RoomChange[] },
) {
  if (engineOf(db) !== "sqlite") {
    const [row] = await db.insert(roomChanges).values(entry).returning({ id: roomChanges.id, at: roomChanges.at });
    return row;
  }
  const [row] = statements(db).record.all(entry);
  return row;
}

export async function updateIdentity(db: Db, id: number, next: { pmi: string; link: string }) {
  if (engineOf(db) !== "sqlite") {
    const [row] = await db.update(rooms).set(next).where(eq(rooms.id, id)).returning();
    return row;
  }
  const [row] = statements(db).saveIdentity.all({ id, ...next, updatedAt: Date.now() });
  return row;
}

/** SQLite only (lib/room/availability.ts): whether another room has this PMI, or this lower-case link. */
export function takenByOtherRoom(db: Db, kind: "pmi" | "link", value: string, userId: number): boolean {
  const found =
    kind === "pmi"
      ? statements(db).pmiTaken.get({ pmi: value, userId })
      : statements(db).linkTaken.get({ link: value, userId });
  return Boolean(found);
}

/** SQLite only (lib/room/availability.ts): whether a value is on hold for someone other than this user. */
export function heldForOther(db: Db, kind: "pmi" | "link", value: string, userId: number, now: Date): boolean {
  return Boolean(statements(db).heldForOther.get({ kind, value, userId, now: now.getTime() }));
}

/** Ends the holds that have run out. */
export async function endExpiredHolds(db: Db, now: Date) {
  if (engineOf(db) !== "sqlite") await db.delete(roomHolds).where(lte(roomHolds.expiresAt, now));
  else statements(db).endHolds.run({ now: now.getTime() });
}

/** Holds a value for `userId` until `expiresAt`, taking it over from any earlier hold. */
export async function holdValue(
  db: Db,
  hold: { kind: "pmi" | "link"; value: string; userId: number; expiresAt: Date },
) {
  if (engineOf(db) !== "sqlite")
    await db
      .insert(roomHolds)
      .values(hold)
      .onConflictDoUpdate({
        target: [roomHolds.kind, roomHolds.value],
        set: { userId: hold.userId, expiresAt: hold.expiresAt },
      });
  else statements(db).hold.run(hold);
}

export async function releaseValue(db: Db, kind: "pmi" | "link", value: string) {
  if (engineOf(db) !== "sqlite")
    await db.delete(roomHolds).where(and(eq(roomHolds.kind, kind), eq(roomHolds.value, value)));
  else statements(db).release.run({ kind, value });
}
