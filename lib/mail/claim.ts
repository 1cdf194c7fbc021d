import "server-only";
import { and, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import { engineOf, queryRows, type Db } from "@/db/handle";
import { outbox, type OutboxRow } from "@/db/schema";
import { withTransaction } from "@/db/transaction";

/**
 * Claims due mail for `senderId` until `until`, and with it the rest of each due message's burst (pending rows of
 * the same kind to the same address), so they go as one message. Exactly one sender gets each row: on SQLite the
 * transaction holds the database's write lock; on PostgreSQL FOR UPDATE SKIP LOCKED passes over the rows another
 * sender is claiming, and the final UPDATE takes only rows still claimable.
 */
export async function claimDue(db: Db, now: Date, senderId: string, until: Date, batch: number): Promise<OutboxRow[]> {
  // A pending row whose time has come, or one a sender claimed and never finished (it crashed: its lease ran out).
  const due = or(
    and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now)),
    and(eq(outbox.status, "sending"), lt(outbox.claimedUntil, now)),
  )!;
  const claimable = or(eq(outbox.status, "pending"), and(eq(outbox.status, "sending"), lt(outbox.claimedUntil, now)))!;
  // A plain read first: an empty outbox, the usual case, costs no write lock (SQLite) or transaction.
  if ((await db.select({ id: outbox.id }).from(outbox).where(due).limit(1)).length === 0) return [];
  return withTransaction(db, async (tx) => {
    const skipLocked = engineOf(tx) === "postgres" ? sql` for update skip locked` : sql``;
    const groups = await queryRows<{ kind: string; recipient: string }>(
      tx,
      sql`select distinct ${outbox.kind} as kind, ${outbox.recipient} as recipient from ${outbox} where ${due} limit ${batch}`,
    );
    if (groups.length === 0) return [];
    const inGroups = or(
      ...groups.map((g) => and(eq(outbox.kind, g.kind as OutboxRow["kind"]), eq(outbox.recipient, g.recipient))),
    )!;
    const locked = await queryRows<{ id: number; kind: string; recipient: string; due: unknown }>(
      tx,
      sql`select ${outbox.id} as id, ${outbox.kind} as kind, ${outbox.recipient} as recipient,
        case when ${due} then 1 else 0 end as due
        from ${outbox} where ${inGroups} and ${claimable} order by ${outbox.id}${skipLocked}`,
    );
    // A burst whose due row another sender holds is left to that sender, not sent early without it.
    const key = (row: { kind: string; recipient: string }) => `${row.kind}\n${row.recipient}`;
    const dueGroups = new Set(locked.filter((row) => Number(row.due) === 1).map(key));
    const ids = locked.filter((row) => dueGroups.has(key(row))).map((row) => Number(row.id));
    if (ids.length === 0) return [];
    return tx
      .update(outbox)
      .set({ status: "sending", claimedBy: senderId, claimedUntil: until })
      .where(and(inArray(outbox.id, ids), claimable))
      .returning();
  });
}
