import { parseArgs } from "node:util";
import { copyDatabase, CopyError } from "@/db/copy";

// Moves a Roomdesk SQLite database into an empty PostgreSQL database (README "Moving to PostgreSQL").
const USAGE = "Usage: npm run db:copy -- --from data/roomdesk.db --to postgres://user:password@host:5432/roomdesk";

function fail(message: string, usage = false): never {
  console.error(message);
  if (usage) console.error(USAGE);
  process.exit(1);
}

let values: { from?: string; to?: string };
try {
  ({ values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } } }));
} catch (error) {
  fail((error as Error).message, true);
}

const from = values.from;
const to = values.to ?? process.env.DATABASE_URL;
if (!from) fail("--from: name the SQLite database file to copy.", true);
if (!to) fail("--to: give the PostgreSQL database's URL (or set DATABASE_URL).", true);
if (!/^postgres(ql)?:\/\/./.test(to)) fail("--to must be a postgres:// or postgresql:// URL.", true);

// The server's name and database, never the password in the URL.
const url = new URL(to);
const where = `PostgreSQL ${url.host}${url.pathname}`;

try {
  const tables = await copyDatabase(from, to);
  const width = Math.max(...tables.map((t) => t.name.length));
  for (const table of tables) {
    console.log(`${table.name.padEnd(width)}  ${String(table.rows).padStart(9)} rows  checksum ok`);
  }
  const rows = tables.reduce((sum, t) => sum + t.rows, 0);
  console.log(`Copied ${rows} rows in ${tables.length} tables from ${from} to ${where}.`);
} catch (error) {
  if (error instanceof CopyError) fail(error.message);
  fail(`Copying to ${where} failed, nothing was copied: ${(error as Error).message}`);
}
