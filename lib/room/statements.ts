import "server-only";
import { eq, sql } from "drizzle-orm";
import { engineOf, type Db } from "@/db";
import { roomChanges, rooms, type RoomChange } from "@/db/schema";

// An update's placeholder as raw SQL, which Drizzle's types accept in `set`; its value is not mapped.
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
