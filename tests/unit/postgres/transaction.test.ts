import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { closeDatabase, openPostgres, type Db } from "@/db";
import { queryRows } from "@/db/handle";
import { lockRows, withTransaction } from "@/db/transaction";
import { counter, countOf, increment, makeCounters } from "../../support/pg-counter";
import { emptyServerDatabase } from "../../support/temp-pg";

const opened: Db[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map(closeDatabase));
});

async function counterDatabase(ids = [1]) {
  const url = await emptyServerDatabase();
  const db = openPostgres(url, 5);
  opened.push(db);
  await makeCounters(db, ids);
  return { db, url };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("withTransaction on PostgreSQL", () => {
  it("a read outside a transaction never sees its uncommitted writes", async () => {
    const { db } = await counterDatabase();
    let seenDuring = -1;
    await withTransaction(db, async (tx) => {
      await queryRows(tx, sql`update counter set n = 42 returning n`);
      await tick();
      seenDuring = await countOf(db);
    });
    expect(seenDuring).toBe(0);
    expect(await countOf(db)).toBe(42);
  });

  it("rolls everything back on a throw, before or after an await, and keeps working after", async () => {
    const { db } = await counterDatabase();
    await expect(
      withTransaction(db, async (tx) => {
        await queryRows(tx, sql`update counter set n = 1 returning n`);
        throw new Error("sync");
      }),
    ).rejects.toThrow("sync");
    await expect(
      withTransaction(db, async (tx) => {
        await queryRows(tx, sql`update counter set n = 2 returning n`);
        await tick();
        await queryRows(tx, sql`insert into counter values (2, 2) returning n`);
        throw new Error("async");
      }),
    ).rejects.toThrow("async");
    expect(await queryRows(db, sql`select id, n from counter`)).toEqual([{ id: 1, n: 0 }]);
    await withTransaction(db, (tx) => increment(tx));
    expect(await countOf(db)).toBe(1);
  });

  it("a transaction started inside another joins it instead of waiting for a second connection", async () => {
    const url = await emptyServerDatabase();
    // One connection: waiting for a second one would never end.
    const db = openPostgres(url, 1);
    opened.push(db);
    await makeCounters(db, [1]);
    await withTransaction(db, async (tx) => {
      await increment(tx);
      await withTransaction(db, (inner) => increment(inner));
      await withTransaction(tx, (inner) => increment(inner));
    });
    expect(await countOf(db)).toBe(3);
  });

  it("takes a row lock only through the open transaction's own handle", async () => {
    const { db } = await counterDatabase();
    const outside = /tx of the open withTransaction/;
    await expect(lockRows(db, counter, eq(counter.id, 1))).rejects.toThrow(outside);
    await expect(withTransaction(db, () => lockRows(db, counter, eq(counter.id, 1)))).rejects.toThrow(outside);
  });

  it("a deadlock rolls one side back and runs it again, and both finish", async () => {
    const { db } = await counterDatabase([1, 2]);
    let attempts = 0;
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => {
      let count = 0;
      arrive = () => ++count === 2 && resolve();
    });
    const crossing = (first: number, second: number) => async (tx: Db) => {
      attempts++;
      await increment(tx, first);
      // The first time round, each holds its first row before reaching for the other's: a deadlock.
      if (attempts <= 2) {
        arrive();
        await arrived;
      }
      await increment(tx, second);
    };
    await Promise.all([withTransaction(db, crossing(1, 2)), withTransaction(db, crossing(2, 1))]);
    expect(attempts).toBe(3);
    expect([await countOf(db, 1), await countOf(db, 2)]).toEqual([2, 2]);
  });

  it("three processes on one database, each a read-modify-write on one row: no lost update", async () => {
    const { db, url } = await counterDatabase();
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    const worker = path.join(process.cwd(), "tests", "support", "pg-counter-worker.ts");
    const run = () => promisify(execFile)(tsx, ["--conditions=react-server", worker, url, "100"], { env: process.env });
    const results = await Promise.all([run(), run(), run()]);
    expect(results.map((r) => r.stdout.trim())).toEqual(["done", "done", "done"]);
    expect(await countOf(db)).toBe(300);
  }, 120_000);
});
