import type { OutboxRow } from "@/db/schema";
import type { MailPayloads } from "@/lib/mail/messages";
import { render } from "@/lib/mail/templates";
import { siteUrl } from "@/lib/server/site-url";

/** Where a message is, in support's words: delivered, still to go (or being retried), or given up on. */
export type MailState = "delivered" | "waiting" | "failed";

/** One outbox row as the support console shows it. */
export type MailItem = {
  id: number;
  recipient: string;
  /** The subject the message has (or would have had): what it was. */
  subject: string;
  /** When it was queued, ISO and in words. */
  at: string;
  when: string;
  state: MailState;
  /** "Delivered on ...", "Waiting", "Waiting: tried twice", "Failed after 6 attempts". */
  stateText: string;
  attempts: number;
  lastError: string | null;
  /** For an answer support sent: which one, and who sent it. */
  answer?: { title: string; path: string; sentBy: string };
};

export type MailRow = Pick<
  OutboxRow,
  "id" | "kind" | "recipient" | "payload" | "status" | "attempts" | "createdAt" | "sentAt" | "lastError"
>;

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const inWords = (date: Date) => `${when.format(date)} UTC`;
const times = (n: number) => (n === 1 ? "once" : n === 2 ? "twice" : `${n} times`);

function subjectOf(row: MailRow): string {
  try {
    return render(row.kind, [row.payload as MailPayloads[typeof row.kind]], siteUrl()).subject;
  } catch {
    // A row this version cannot render still shows, by its kind.
    return row.kind;
  }
}

function stateOf(row: MailRow): { state: MailState; stateText: string } {
  if (row.status === "sent") {
    return { state: "delivered", stateText: row.sentAt ? `Delivered on ${inWords(row.sentAt)}` : "Delivered" };
  }
  if (row.status === "failed") {
    return { state: "failed", stateText: `Failed after ${row.attempts} attempt${row.attempts === 1 ? "" : "s"}` };
  }
  return { state: "waiting", stateText: row.attempts > 0 ? `Waiting: tried ${times(row.attempts)}` : "Waiting" };
}

export function mailItem(row: MailRow): MailItem {
  const payload = row.kind === "answer-sent" ? (row.payload as MailPayloads["answer-sent"]) : null;
  return {
    id: row.id,
    recipient: row.recipient,
    subject: subjectOf(row),
    at: row.createdAt.toISOString(),
    when: inWords(row.createdAt),
    ...stateOf(row),
    attempts: row.attempts,
    lastError: row.lastError ? row.lastError.slice(0, 300) : null,
    ...(payload ? { answer: { title: payload.title, path: payload.path, sentBy: payload.sentBy?.name ?? "" } } : {}),
  };
}
