import { db } from "@/db";
import { migrate } from "@/db/migrate";
import { env } from "@/lib/server/env";

const applied = await migrate(db());
// The server's name and database, never the password in the URL.
const url = env().DATABASE_URL ? new URL(env().DATABASE_URL!) : null;
const where = url ? `PostgreSQL ${url.host}${url.pathname}` : env().DATABASE_PATH;
console.log(`${where}: ${applied} migration(s) applied.`);
