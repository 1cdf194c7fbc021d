import "server-only";
import { and, desc, eq, or, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { outbox } from "@/db/schema";
import { requireRole, signInMethodsOf } from "@/lib/auth";
import { roomHistory } from "@/lib/room/queries";
import { mailItem, type MailItem } from "@/lib/support/mail-view";
import { findUser, logAccess, voteTotals } from "@/lib/support/service";

/** A support look-up: the account, its room and its history. Every look-up is logged, found or not. */
export async function lookUp(query: string) {
  const staff = await requireRole("support");
  const found = await findUser(db(), query);
  await logAccess(db(), { supportUserId: staff.id, targetUserId: found?.user.id ?? null, query });
  if (!found) return null;
  return {
    ...found,
    history: await roomHistory(db(), found.room.id),
    signIn: await signInMethodsOf(found.user),
    // The answers support sent this user, and any message to them the sender gave up on.
    mail: await outboxRows(
      and(eq(outbox.userId, found.user.id), or(eq(outbox.kind, "answer-sent"), eq(outbox.status, "failed")))!,
      20,
    ),
  };
}

export async function helpfulTotals() {
  await requireRole("support");
  return voteTotals(db());
}

/** Messages the sender gave up on (outbox status "failed"), newest first. */
export async function failedMail(limit = 20): Promise<MailItem[]> {
  await requireRole("support");
  return outboxRows(eq(outbox.status, "failed"), limit);
}

async function outboxRows(where: SQL, limit: number): Promise<MailItem[]> {
  const rows = await db()
    .select({
      id: outbox.id,
      kind: outbox.kind,
      recipient: outbox.recipient,
      payload: outbox.payload,
      status: outbox.status,
      attempts: outbox.attempts,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      lastError: outbox.lastError,
    })
    .from(outbox)
    .where(where)
    .orderBy(desc(outbox.id))
    .limit(limit);
  return rows.map(mailItem);
}
