import "server-only";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { and, eq, inArray, lt, ne } from "drizzle-orm";
import type { Db } from "@/db/handle";
import { outbox, type OutboxRow } from "@/db/schema";
import { withTransaction } from "@/db/transaction";
import { env } from "@/lib/server/env";
import { siteUrl } from "@/lib/server/site-url";
import { claimDue } from "./claim";
import { BURST_KINDS, type MailPayloads } from "./messages";
import { render } from "./templates";
import { transportFromEnv, type MailTransport } from "./transport";

export type SenderSettings = {
  from: string;
  site: URL;
  retryBaseSeconds: number;
  giveUpSeconds: number;
  /** How long a claim lasts: longer than any one delivery takes (the SMTP transport's timeouts are shorter). */
  leaseMs: number;
  batch: number;
};

export function senderSettings(): SenderSettings {
  const e = env();
  return {
    from: e.MAIL_FROM ?? "Roomdesk <no-reply@localhost>",
    site: siteUrl(),
    retryBaseSeconds: e.MAIL_RETRY_BASE_SECONDS,
    giveUpSeconds: e.MAIL_GIVE_UP_SECONDS,
    leaseMs: 10 * 60 * 1000,
    batch: 50,
  };
}

/** Unique per sender, and says which process it was: host, process id, a random part. */
export const newSenderId = () => `${os.hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

/** Rows sent, rows to be tried again, rows given up on, and messages tried (a burst is one). */
export type Delivery = { sent: number; retrying: number; failed: number; messages: number };

/**
 * Delivers the mail that is due: claims it (lib/mail/claim.ts), sends each burst as one message, and marks its rows
 * sent at once, or pending again with a later next_attempt_at, or failed once past the give-up window.
 *
 * One window cannot be closed: the server accepts a message and this process dies before marking it sent. When
 * the lease runs out another sender sends it again, with the same Message-ID (made from the row id and the site's
 * host), so the duplicate is recognisable.
 */
export async function deliverDue(
  db: Db,
  transport: MailTransport,
  now = new Date(),
  senderId = newSenderId(),
  settings = senderSettings(),
): Promise<Delivery> {
  const rows = await claimDue(db, now, senderId, new Date(now.getTime() + settings.leaseMs), settings.batch);
  const bursts = new Map<string, OutboxRow[]>();
  for (const row of rows) {
    // A burst of notices to one address is one message; anything else (an answer support sent) goes alone.
    const key = BURST_KINDS.has(row.kind) ? `${row.kind}\n${row.recipient}` : `#${row.id}`;
    bursts.set(key, [...(bursts.get(key) ?? []), row]);
  }
  const outcome: Delivery = { sent: 0, retrying: 0, failed: 0, messages: bursts.size };
  for (const burst of bursts.values()) {
    const first = burst[0]!;
    const ids = burst.map((row) => row.id);
    try {
      const message = render(
        first.kind,
        burst.map((row) => row.payload) as MailPayloads[typeof first.kind][],
        settings.site,
      );
      await transport.send({
        id: first.id,
        from: settings.from,
        to: first.recipient,
        messageId: `<outbox.${first.id}@${settings.site.hostname}>`,
        ...message,
      });
    } catch (error) {
      const gaveUp = await retryOrFail(db, burst, senderId, now, settings, String((error as Error)?.message ?? error));
      outcome.failed += gaveUp;
      outcome.retrying += burst.length - gaveUp;
      continue;
    }
    await withTransaction(db, (tx) =>
      tx
        .update(outbox)
        .set({ status: "sent", sentAt: now, claimedBy: null, claimedUntil: null })
        .where(and(inArray(outbox.id, ids), eq(outbox.claimedBy, senderId), eq(outbox.status, "sending"))),
    );
    outcome.sent += burst.length;
  }
  return outcome;
}

/** Exponential: base, twice that, four times... up to 64 times the base. */
export const retryDelaySeconds = (attempts: number, base: number) => base * 2 ** Math.min(Math.max(attempts - 1, 0), 6);

/** Each row of a burst that failed: tried again later, or failed for good past the give-up window. Returns how many failed. */
async function retryOrFail(
  db: Db,
  burst: OutboxRow[],
  senderId: string,
  now: Date,
  settings: SenderSettings,
  error: string,
): Promise<number> {
  const lastError = error.slice(0, 1000);
  return withTransaction(db, async (tx) => {
    let failed = 0;
    for (const row of burst) {
      const attempts = row.attempts + 1;
      const next = new Date(now.getTime() + retryDelaySeconds(attempts, settings.retryBaseSeconds) * 1000);
      const giveUp = next.getTime() - row.notBefore.getTime() > settings.giveUpSeconds * 1000;
      if (giveUp) failed++;
      await tx
        .update(outbox)
        .set({
          status: giveUp ? "failed" : "pending",
          attempts,
          nextAttemptAt: giveUp ? row.nextAttemptAt : next,
          lastError,
          claimedBy: null,
          claimedUntil: null,
        })
        .where(and(eq(outbox.id, row.id), eq(outbox.claimedBy, senderId), eq(outbox.status, "sending")));
    }
    return failed;
  });
}

/**
 * Deletes notices sent more than `keepDays` ago. Answers support sent stay (the look-up card lists them), and so
 * do failed messages (support reads them). Returns how many went.
 */
export async function pruneSent(db: Db, now: Date, keepDays = env().MAIL_KEEP_DAYS): Promise<number> {
  const before = new Date(now.getTime() - keepDays * 24 * 60 * 60 * 1000);
  const gone = await withTransaction(db, (tx) =>
    tx
      .delete(outbox)
      .where(and(eq(outbox.status, "sent"), ne(outbox.kind, "answer-sent"), lt(outbox.sentAt, before)))
      .returning({ id: outbox.id }),
  );
  return gone.length;
}

const PRUNE_EVERY_MS = 60 * 60 * 1000;

export type Sender = { stop(): Promise<void> };

/**
 * Delivers due mail every MAIL_POLL_MS until stopped; every server process may run one. The timer does not keep the
 * process alive, and a failing round is logged and the next one tried.
 */
export function startSender(
  db: Db,
  { transport = transportFromEnv(), pollMs = env().MAIL_POLL_MS, senderId = newSenderId() } = {},
): Sender {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();
  let prunedAt = 0;
  const run = async () => {
    try {
      if (Date.now() - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = Date.now();
        await pruneSent(db, new Date());
      }
      // A full batch may have left more behind: go on at once.
      const settings = senderSettings();
      for (;;) {
        const { messages } = await deliverDue(db, transport, new Date(), senderId, settings);
        if (stopped || messages < settings.batch) break;
      }
    } catch (error) {
      console.error(`Mail: delivery failed, trying again in ${pollMs} ms: ${(error as Error).message}`);
    }
    if (!stopped) schedule();
  };
  const schedule = () => {
    timer = setTimeout(() => (round = run()), pollMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
      transport.close();
    },
  };
}
