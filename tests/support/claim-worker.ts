// A server process for the claim test: claims a PMI for an account and prints the outcome as JSON.
import { closeDatabase, openPostgres } from "@/db";
import { changeIdentity } from "@/lib/room/service";

const [url, userId, pmi, link] = process.argv.slice(2) as [string, string, string, string];
const db = openPostgres(url, 2);
try {
  const outcome = await changeIdentity(db, Number(userId), Number(userId), { pmi, link });
  console.log(JSON.stringify(outcome.ok ? { ok: true } : outcome));
} finally {
  await closeDatabase(db);
}
