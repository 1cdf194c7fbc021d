import { eq, sql } from "drizzle-orm";
import { integer, sqliteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "@/db";
import { queryRows } from "@/db/handle";
import { lockRows, type Tx } from "@/db/transaction";

/** A table of counters for the transaction tests, made outside the migrations. */
export const counter = sqliteTable("counter", { id: integer("id").primaryKey(), n: integer("n").notNull() });

export async function makeCounters(db: Db, ids: number[]) {
  await queryRows(db, sql`create table counter (id integer primary key, n integer not null)`);
  for (const id of ids) await queryRows(db, sql`insert into counter values (${id}, 0)`);
}

export async function countOf(db: Db, id = 1): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select n from counter where id = ${id}`);
  return row!.n;
}

/** Read, wait a turn, write back one more: a lost update unless the row is locked first. */
export async function increment(tx: Tx, id = 1) {
  await lockRows(tx, counter, eq(counter.id, id));
  const n = await countOf(tx, id);
  await new Promise((resolve) => setImmediate(resolve));
  await queryRows(tx, sql`update counter set n = ${n + 1} where id = ${id} returning n`);
}
