import fs from "node:fs";
import path from "node:path";
import { closeDatabase, openDatabase } from "@/db";
import { migrate } from "@/db/migrate";
import { seedDemo } from "@/scripts/seed";
import { hashPassword } from "@/lib/auth/password";
import { shapeNewRoom } from "@/lib/room/new-room";
import { SEED_PASSWORD } from "./config";

export type SeededRoom = { email: string; pmi: string; passcode: string };
export type Seeded = { users: number; rooms: SeededRoom[]; seconds: number };
export type ShapedOwner = { email: string; name: string } & Awaited<ReturnType<typeof shapeNewRoom>>;

export const SEED_BATCH = 10_000;

/**
 * Owners `from` to `to` (exclusive), each with a room shaped by the app's own new-room function; `taken` holds
 * the PMIs and links already in use (the database's and earlier batches'), and grows with these.
 */
export async function shapeOwners(
  from: number,
  to: number,
  taken: { pmis: Set<string>; links: Set<string> },
): Promise<ShapedOwner[]> {
  const shaped: ShapedOwner[] = [];
  for (let n = from; n < to; n++) {
    const name = `Bench User ${n}`;
    const { room, created } = await shapeNewRoom(name, {
      pmi: (p) => !taken.pmis.has(p),
      link: (l) => !taken.links.has(l),
    });
    taken.pmis.add(room.pmi);
    taken.links.add(room.link);
    shaped.push({ email: `bench-${n}@example.test`, name, room, created });
  }
  return shaped;
}

/** One Argon2 hash serves every seeded account: hashing per account would take hours at a million. */
export const seedPasswordHash = () => hashPassword(SEED_PASSWORD);

/**
 * Migrates a fresh SQLite database and fills it with the demo accounts and `count` owners, each with a room and
 * its "created" history row, inserted through prepared statements in batched transactions.
 */
export async function seedDatabase(file: string, count: number): Promise<Seeded> {
  const started = performance.now();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = openDatabase(file);
  await migrate(db);
  await seedDemo(db);
  const passwordHash = await seedPasswordHash();
  const sqlite = db.$client;
  const insertUser = sqlite.prepare("INSERT INTO users (email, name, password_hash, role) VALUES (?, ?, ?, 'owner')");
  const insertRoom = sqlite.prepare(
    "INSERT INTO rooms (user_id, pmi, link, passcode, join_before_host, waiting_room) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const insertChange = sqlite.prepare(
    "INSERT INTO room_changes (room_id, actor_id, kind, changes) VALUES (?, ?, 'created', ?)",
  );
  const taken = {
    pmis: new Set<string>(sqlite.prepare("SELECT pmi FROM rooms").pluck().all() as string[]),
    links: new Set<string>(sqlite.prepare("SELECT link FROM rooms").pluck().all() as string[]),
  };
  const rooms: SeededRoom[] = [];
  for (let from = 0; from < count; from += SEED_BATCH) {
    const shaped = await shapeOwners(from, Math.min(count, from + SEED_BATCH), taken);
    sqlite
      .transaction(() => {
        for (const { email, name, room, created } of shaped) {
          const userId = insertUser.run(email, name, passwordHash).lastInsertRowid;
          const roomId = insertRoom.run(
            userId,
            room.pmi,
            room.link,
            room.passcode,
            Number(room.joinBeforeHost),
            Number(room.waitingRoom),
          ).lastInsertRowid;
          insertChange.run(roomId, userId, JSON.stringify(created));
          rooms.push({ email, pmi: room.pmi, passcode: room.passcode });
        }
      })
      .immediate();
  }
  sqlite.pragma("optimize");
  await closeDatabase(db);
  return { users: count, rooms, seconds: (performance.now() - started) / 1000 };
}
