import { originUnknown } from "@/lib/mail/messages";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { closeDatabase } from "@/db";
import { outbox } from "@/db/schema";
import { withTransaction } from "@/db/transaction";
import { enqueue } from "@/lib/mail/outbox";
import { tempSqlite } from "../support/temp-db";

const t0 = new Date("2026-03-02T09:00:00Z");

describe("mail senders in several processes on one SQLite file", () => {
  it("deliver each message exactly once", async () => {
    const { db, file } = await tempSqlite();
    await withTransaction(db, async (tx) => {
      for (let i = 0; i < 50; i++)
        await enqueue(
          tx,
          { kind: "new-sign-in", to: `user${i}@example.edu`, payload: { origin: originUnknown(t0) } },
          { now: t0 },
        );
    });
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    const worker = path.join(process.cwd(), "tests", "support", "mail-sender-worker.ts");
    const run = (id: string) =>
      promisify(execFile)(tsx, ["--conditions=react-server", worker, file, id, t0.toISOString()], { env: process.env });
    const results = await Promise.all([run("a"), run("b"), run("c")]);
    const sent = results.map((r) => JSON.parse(r.stdout) as number[]);
    const rows = await db.select({ id: outbox.id, status: outbox.status }).from(outbox);
    await closeDatabase(db);

    expect(sent.flat().sort((x, y) => x - y)).toEqual(rows.map((r) => r.id).sort((x, y) => x - y));
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["sent"]));
  }, 120_000);
});
