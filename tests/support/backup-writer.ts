// Another server writing while a backup runs: creates accounts (each with its room and first history entry,
// in one transaction) in the SQLite file at argv[2] until its stdin closes, printing each one once committed.
import { closeDatabase, openDatabase } from "@/db";
import { createUserWithRoom } from "@/lib/auth/users";

const db = openDatabase(process.argv[2]!);
let writing = true;
process.stdin.on("end", () => (writing = false)).resume();
for (let i = 1; writing; i++) {
  const user = await createUserWithRoom(db, {
    email: `writer-${i}@example.test`,
    name: `Writer ${i}`,
    passwordHash: "x",
  });
  console.log(user.email);
  // SQLite answers synchronously: without a turn of the event loop, neither stdout nor stdin would move.
  await new Promise(setImmediate);
}
await closeDatabase(db);
