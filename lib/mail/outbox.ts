import "server-only";
import { eq } from "drizzle-orm";
import { outbox, users, type MailKind } from "@/db/schema";
import { withTransaction, type Tx } from "@/db/transaction";
import { env } from "@/lib/server/env";
import { BURST_KINDS, withoutSecrets, type MailMessage, type MailPayloads } from "./messages";

export type { MailMessage, MailPayloads, Origin } from "./messages";

/**
 * Queues a message. Call it with the tx of the withTransaction that makes the change the message tells of: the
 * message is then sent if and only if the change is committed. Returns the outbox row's id.
 */
export async function enqueue(
  tx: Tx,
  message: MailMessage,
  { now = new Date(), burstSeconds = env().MAIL_BURST_SECONDS }: { now?: Date; burstSeconds?: number } = {},
): Promise<number> {
  const { kind, to, userId, payload } = withoutSecrets(message);
  const notBefore = BURST_KINDS.has(kind) ? new Date(now.getTime() + burstSeconds * 1000) : now;
  // Joins the caller's transaction; alone, it is still one.
  return withTransaction(tx, async (inner) => {
    const [row] = await inner
      .insert(outbox)
      .values({
        kind,
        recipient: to,
        userId: userId ?? null,
        payload,
        notBefore,
        nextAttemptAt: notBefore,
        createdAt: now,
      })
      .returning({ id: outbox.id });
    return row!.id;
  });
}

/** A message to an account, by its id: the address is the account's email as it is in this transaction. */
export type Notice = { [K in MailKind]: { kind: K; payload: MailPayloads[K] } }[MailKind];

/** Queues `notice` to the account `userId` in the caller's transaction; an account that is gone gets nothing. */
export async function notifyUser(tx: Tx, userId: number, notice: Notice): Promise<number | null> {
  const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
  return user ? enqueue(tx, { ...notice, to: user.email, userId } as MailMessage) : null;
}
