import { originUnknown } from "@/lib/mail/messages";
import { asc } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { closeDatabase, openPostgres, type Db } from "@/db";
import { outbox } from "@/db/schema";
import { withTransaction } from "@/db/transaction";
import { enqueue } from "@/lib/mail/outbox";
import { deliverDue, senderSettings } from "@/lib/mail/sender";
import { countingTransport } from "../../support/counting-transport";
import { tempServerDatabase } from "../../support/temp-pg";

const t0 = new Date("2026-03-02T09:00:00Z");
const opened: Db[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map(closeDatabase));
});

describe("mail senders on one PostgreSQL database", () => {
  it("two servers' senders racing over 50 messages deliver each exactly once", async () => {
    const { db, url } = await tempServerDatabase(4);
    const other = openPostgres(url, 4);
    opened.push(db, other);
    await withTransaction(db, async (tx) => {
      for (let i = 0; i < 50; i++)
        await enqueue(
          tx,
          { kind: "new-sign-in", to: `user${i}@example.edu`, payload: { origin: originUnknown(t0) } },
          { now: t0 },
        );
    });
    const sent = new Map<number, string[]>();
    const counting = (sender: string) => countingTransport((id) => sent.set(id, [...(sent.get(id) ?? []), sender]));
    const settings = { ...senderSettings(), batch: 3 };
    const drain = async (handle: Db, sender: string) => {
      while ((await deliverDue(handle, counting(sender), t0, sender, settings)).messages > 0);
    };
    // Two senders on each server's pool, all at once.
    await Promise.all([drain(db, "a1"), drain(db, "a2"), drain(other, "b1"), drain(other, "b2")]);

    const rows = await db.select().from(outbox).orderBy(asc(outbox.id));
    expect(rows).toHaveLength(50);
    expect([...sent.keys()].sort((x, y) => x - y)).toEqual(rows.map((r) => r.id));
    expect([...sent.values()].filter((senders) => senders.length !== 1)).toEqual([]);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["sent"]));
  }, 120_000);
});
