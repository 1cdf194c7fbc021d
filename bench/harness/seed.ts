import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "@/db";
import { migrate } from "@/db/migrate";
import { seedDemo } from "@/scripts/seed";
import { hashPassword } from "@/lib/auth/password";
import { shapeNewRoom } from "@/lib/room/new-room";
import { SEED_PASSWORD } from "./config";

export type SeededRoom = { email: string; pmi: string; passcode: string };
export type Seeded = { users: number; rooms: SeededRoom[]; seconds: number };

const BATCH = 10_000;

/**
 * Migrates a fresh database and fills it with `count` owners, each with a room and its "created" history row.
 * One Argon2 hash serves every account (hashing 100,000 times would take minutes and measure nothing), and
 * rows go in through prepared statements in batched transactions, shaped by the app's own new-room function.
 */
export async function seedDatabase(file: string, count: number): Promise<Seeded> {
  const started = performance.now();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = openDatabase(file);
  migrate(db);
  await seedDemo(db);
  const passwordHash = await hashPassword(SEED_PASSWORD);
  const sqlite = db.$client;
  const taken = new Set<string>(sqlite.prepare("SELECT pmi FROM rooms").pluck().all() as string[]);
  const insertUser = sqlite.prepare("INSERT INTO users (email, name, password_hash, role) VALUES (?, ?, ?, 'owner')");
  const insertRoom = sqlite.prepare(
    "INSERT INTO rooms (user_id, pmi, link, passcode, join_before_host, waiting_room) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const insertChange = sqlite.prepare(
    "INSERT INTO room_changes (room_id, actor_id, kind, changes) VALUES (?, ?, 'created', ?)",
  );

  const takenLinks = new Set<string>(sqlite.prepare("SELECT link FROM rooms").pluck().all() as string[]);
  const rooms: SeededRoom[] = [];
  // Rows are shaped by the app's own function for a new room, then inserted in batches through prepared
  // statements (one Argon2 hash for everyone; hashing per account would take hours at a million).
  for (let from = 0; from < count; from += BATCH) {
    const shaped: Array<{ email: string; name: string } & Awaited<ReturnType<typeof shapeNewRoom>>> = [];
    for (let n = from; n < Math.min(count, from + BATCH); n++) {
      const name = `Bench User ${n}`;
      const { room, created } = await shapeNewRoom(name, {
        pmi: (p) => !taken.has(p),
        link: (l) => !takenLinks.has(l),
      });
      taken.add(room.pmi);
      takenLinks.add(room.link);
      shaped.push({ email: `bench-${n}@example.test`, name, room, created });
    }
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
  sqlite.close();
  return { users: count, rooms, seconds: (performance.now() - started) / 1000 };
}
