// A server process's mail sender, for the outbox claim tests: delivers due mail from a SQLite file or a PostgreSQL
// database until none is left, through a transport that only counts, and prints the outbox ids it sent as JSON.
import { closeDatabase, openDatabase, openPostgres } from "@/db";
import { deliverDue, senderSettings } from "@/lib/mail/sender";
import type { MailTransport } from "@/lib/mail/transport";

const [where, senderId, now] = process.argv.slice(2) as [string, string, string];
const db = /^postgres(ql)?:/.test(where) ? openPostgres(where, 2) : openDatabase(where);
const sent: number[] = [];
const counting: MailTransport = {
  // A turn of the event loop between claim and mark, as a real send has, so the senders overlap.
  send: async (mail) => {
    await new Promise((resolve) => setImmediate(resolve));
    sent.push(mail.id);
  },
  close: () => undefined,
};
try {
  const settings = { ...senderSettings(), batch: 3 };
  while ((await deliverDue(db, counting, new Date(now), senderId, settings)).messages > 0);
  console.log(JSON.stringify(sent));
} finally {
  await closeDatabase(db);
}
