import { parseArgs } from "node:util";
import { backupSqlite, BackupError } from "@/db/backup";
import { env } from "@/lib/server/env";

// A consistent copy of the live SQLite database at DATABASE_PATH, safe while servers use it (README "Backups").
const USAGE = "Usage: npm run db:backup -- /backups/roomdesk-$(date +%F).db [--force]";

function fail(message: string, usage = false): never {
  console.error(message);
  if (usage) console.error(USAGE);
  process.exit(1);
}

let parsed: { values: { force?: boolean }; positionals: string[] };
try {
  parsed = parseArgs({ options: { force: { type: "boolean" } }, allowPositionals: true });
} catch (error) {
  fail((error as Error).message, true);
}

const [dest, ...extra] = parsed.positionals;
if (!dest || extra.length > 0) fail("Name one file to write the backup to.", true);
const { DATABASE_URL, DATABASE_PATH } = env();
if (DATABASE_URL) {
  fail("DATABASE_URL is set: this site runs on PostgreSQL. Back it up with pg_dump -Fc (see README, Backups).");
}

try {
  const { tables } = await backupSqlite(DATABASE_PATH, dest, { force: parsed.values.force });
  const width = Math.max(...tables.map((t) => t.name.length));
  for (const table of tables) console.log(`${table.name.padEnd(width)}  ${String(table.rows).padStart(9)} rows`);
  console.log(`Backed up ${DATABASE_PATH} to ${dest}: integrity check ok.`);
} catch (error) {
  if (error instanceof BackupError) fail(error.message);
  fail(`Backing up ${DATABASE_PATH} failed, no backup was written: ${(error as Error).message}`);
}
