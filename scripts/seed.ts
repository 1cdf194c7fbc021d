import "server-only";
import { closeDatabase, db, type Db } from "@/db";
import { migrate } from "@/db/migrate";
import { hashPassword } from "@/lib/auth/password";
import { countUsers, createUserWithRoom } from "@/lib/auth/users";

export const DEMO_PASSWORD = "roomdesk-demo";

export const DEMO_ACCOUNTS = [
  { email: "ada@example.edu", name: "Ada Lovelace", role: "owner" },
  { email: "grace@example.edu", name: "Grace Hopper", role: "owner" },
  { email: "support@example.edu", name: "Support Desk", role: "support" },
] as const;

/** Creates the demo accounts, only in an empty database (never next to real accounts). */
export async function seedDemo(database: Db): Promise<boolean> {
  if ((await countUsers(database)) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) await createUserWithRoom(database, { ...account, passwordHash });
  return true;
}

/** Brings the configured database up to date and seeds the demo accounts if it is empty; true if it seeded. */
export async function prepareDemoDatabase(): Promise<boolean> {
  const database = db();
  try {
    await migrate(database);
    return await seedDemo(database);
  } finally {
    await closeDatabase(database);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const created = await prepareDemoDatabase();
  console.log(created ? "Demo accounts created." : "The database already has accounts; nothing seeded.");
}
