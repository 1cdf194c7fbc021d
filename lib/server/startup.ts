import "server-only";
import { db } from "@/db";
import { migrate } from "@/db/migrate";
import { env } from "@/lib/server/env";

export async function startServer() {
  if (!env().AUTH_SECRET) {
    console.error(
      "Roomdesk cannot start: AUTH_SECRET is not set.\n" +
        "Set it to a long random value, e.g. AUTH_SECRET=$(openssl rand -base64 32) npm start",
    );
    process.exit(1);
  }
  await migrate(db());
}
