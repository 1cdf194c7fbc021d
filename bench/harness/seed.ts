import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "@/db";
import { migrate } from "@/db/migrate";
import { seedDemo } from "@/scripts/seed";
import { hashPassword } from "@/lib/auth/password";
import { generatePasscode, generatePmi } from "@/lib/validation/generate";
import { linkProblems } from "@/lib/validation/link";
import { pmiProblems } from "@/lib/validation/pmi";
import { SEED_PASSWORD } from "./config";

export type SeededRoom = { email: string; pmi: string; passcode: string };
export type Seeded = { users: number; rooms: SeededRoom[]; seconds: number };

const BATCH = 10_000;

/**
 * Migrates a fresh database and fills it with `count` owners, each with a room and its "created" history row.
 * One Argon2 hash serves every account (hashing 100,000 times would take minutes and measure nothing), and
 * rows go in through prepared statements in batched transactions. Values pass the same rules as the app's.
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
    "INSERT INTO rooms (user_id, pmi, link, passcode, join_before_host, waiting_room) VALUES (?, ?, ?, ?, 0, 1)",
  );
  const insertChange = sqlite.prepare(
    "INSERT INTO room_changes (room_id, actor_id, kind, changes) VALUES (?, ?, 'created', ?)",
  );

  const rooms: SeededRoom[] = [];
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      let pmi = generatePmi();
      while (taken.has(pmi)) pmi = generatePmi();
      taken.add(pmi);
      const link = `bench.user.${n}`;
      if (pmiProblems(pmi).length > 0 || linkProblems(link).length > 0)
        throw new Error(`seed value refused: ${pmi} ${link}`);
      const email = `bench-${n}@example.test`;
      const passcode = generatePasscode();
      const userId = insertUser.run(email, `Bench User ${n}`, passwordHash).lastInsertRowid;
      const roomId = insertRoom.run(userId, pmi, link, passcode).lastInsertRowid;
      insertChange.run(
        roomId,
        userId,
        JSON.stringify([
          { field: "pmi", to: pmi },
          { field: "link", to: link },
        ]),
      );
      rooms.push({ email, pmi, passcode });
    }
  });
  for (let from = 0; from < count; from += BATCH) batch.immediate(from, Math.min(count, from + BATCH));
  sqlite.pragma("optimize");
  sqlite.close();
  return { users: count, rooms, seconds: (performance.now() - started) / 1000 };
}
