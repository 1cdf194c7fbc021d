import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { openDatabase, type SqliteDb } from "@/db";
import { withTransaction } from "@/db/transaction";
import { tempDatabaseFile } from "../support/temp-db";

function counterDatabase() {
  const file = tempDatabaseFile();
  const db = openDatabase(file);
  db.$client.exec(
    "create table counter (n integer not null); insert into counter values (0); create table log (entry text not null)",
  );
  return { db, file, count: () => (db.$client.prepare("select n from counter").get() as { n: number }).n };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("withTransaction", () => {
  it("never interleaves two transactions of one process, even when their bodies await", async () => {
    const { db } = counterDatabase();
    const order: string[] = [];
    const body = (name: string) => async () => {
      for (let step = 0; step < 3; step++) {
        order.push(`${name}${step}`);
        await tick();
      }
    };
    await Promise.all([withTransaction(db, body("a")), withTransaction(db, body("b"))]);
    expect(order).toEqual(["a0", "a1", "a2", "b0", "b1", "b2"]);
  });

  it("a read outside a transaction never sees its uncommitted writes", async () => {
    const { db, count } = counterDatabase();
    let seenDuring = -1;
    await withTransaction(db, async (tx) => {
      (tx as SqliteDb).$client.prepare("update counter set n = 42").run();
      await tick();
      seenDuring = count();
    });
    expect(seenDuring).toBe(0);
    expect(count()).toBe(42);
  });

  it("rolls everything back on a throw, before or after an await, and keeps working after", async () => {
    const { db, count } = counterDatabase();
    await expect(
      withTransaction(db, (tx) => {
        (tx as SqliteDb).$client.prepare("update counter set n = 1").run();
        throw new Error("sync");
      }),
    ).rejects.toThrow("sync");
    await expect(
      withTransaction(db, async (tx) => {
        (tx as SqliteDb).$client.prepare("update counter set n = 2").run();
        await tick();
        (tx as SqliteDb).$client.prepare("insert into log values ('half done')").run();
        throw new Error("async");
      }),
    ).rejects.toThrow("async");
    expect(count()).toBe(0);
    expect(db.$client.prepare("select count(*) as n from log").get()).toEqual({ n: 0 });
    await withTransaction(db, (tx) => (tx as SqliteDb).$client.prepare("update counter set n = 3").run());
    expect(count()).toBe(3);
  });

  it("a transaction started inside another joins it instead of waiting for it", async () => {
    const { db, count } = counterDatabase();
    await withTransaction(db, async (tx) => {
      (tx as SqliteDb).$client.prepare("update counter set n = n + 1").run();
      await withTransaction(db, (inner) => (inner as SqliteDb).$client.prepare("update counter set n = n + 1").run());
    });
    expect(count()).toBe(2);
  });

  it("three processes on one file take turns: no lost update and no SQLITE_BUSY", async () => {
    const { file, count } = counterDatabase();
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    const worker = path.join(process.cwd(), "tests", "support", "transaction-worker.ts");
    const run = () =>
      promisify(execFile)(tsx, ["--conditions=react-server", worker, file, "200"], { env: process.env });
    const results = await Promise.all([run(), run(), run()]);
    expect(results.map((r) => r.stdout.trim())).toEqual(["done", "done", "done"]);
    expect(count()).toBe(600);
  }, 60_000);
});
