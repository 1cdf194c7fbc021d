import { db } from "@/db";
import { migrate } from "@/db/migrate";
import { env } from "@/lib/server/env";

const applied = migrate(db());
console.log(`${env().DATABASE_PATH}: ${applied} migration(s) applied.`);
