import "server-only";
import { db } from "@/db";
import { migrate } from "@/db/migrate";
import { env } from "@/lib/server/env";
import { startSender } from "@/lib/mail/sender";

function stop(message: string): never {
  console.error(`Roomdesk cannot start: ${message}`);
  process.exit(1);
}

export async function startServer() {
  let settings: ReturnType<typeof env>;
  try {
    settings = env();
  } catch (error) {
    // Each problem names its variable (lib/server/env.ts).
    stop((error as Error).message);
  }
  if (!settings.AUTH_SECRET)
    stop(
      "AUTH_SECRET is not set.\n" +
        "Set it to a long random value, e.g. AUTH_SECRET=$(openssl rand -base64 32) npm start",
    );
  await migrate(db());
  // Every server process delivers mail from the outbox; the claim makes sure one of them sends each message.
  startSender(db());
}
