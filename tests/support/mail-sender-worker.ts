// A server process's mail sender, for the outbox claim tests: delivers due mail from a SQLite file or a PostgreSQL
// database until none is left, through a transport that only counts, and prints the outbox ids it sent as JSON.
import { closeDatabase, openDatabase, openPostgres } from "@/db";
import { deliverDue, senderSettings } from "@/lib/mail/sender";
import { countingTransport } from "./counting-transport";

const [where, senderId, now] = process.argv.slice(2) as [string, string, string];
const db = /^postgres(ql)?:/.test(where) ? openPostgres(where, 2) : openDatabase(where);
const sent: number[] = [];
const counting = countingTransport((id) => sent.push(id));
try {
  const settings = { ...senderSettings(), batch: 3 };
  while ((await deliverDue(db, counting, new Date(now), senderId, settings)).messages > 0);
  console.log(JSON.stringify(sent));
} finally {
  await closeDatabase(db);
}
