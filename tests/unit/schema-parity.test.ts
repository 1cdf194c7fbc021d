import type { PGlite } from "@electric-sql/pglite";
import type { Table } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import type * as pgTables from "@/db/postgres/schema";
import type * as sqliteTables from "@/db/sqlite/schema";
import { CASES, SETUP, TRIGGER_CASES, type Engine, type Row } from "../support/schema-cases";
import { schemaDifferences } from "../support/schema-diff";
import { pgShape, sqliteShape, type Shape } from "../support/schema-shape";
import type Database from "better-sqlite3";
import { tempSqlite } from "../support/temp-db";
import { tempPglite } from "../support/temp-pg";

// Issue 14: each engine's committed migrations, applied to an empty database, must hold the same schema.

// Each table's row types (read and insert) are the same on both engines, so one Db type can serve the app;
// `npm run typecheck` fails, naming the column, when they drift.
type Rows<S> = {
  [K in keyof S as S[K] extends Table ? K : never]: S[K] extends Table
    ? [S[K]["$inferSelect"], S[K]["$inferInsert"]]
    : never;
};
expectTypeOf<Rows<typeof sqliteTables>>().toEqualTypeOf<Rows<typeof pgTables>>();

let pg: PGlite;
let pgSchema: Shape;
let sqliteSchema: Shape;
let sqlite: Database.Database;

// Starting PGlite compiles PostgreSQL's WebAssembly and runs initdb: seconds, more on a busy machine.
beforeAll(async () => {
  sqlite = (await tempSqlite()).db.$client;
  sqliteSchema = sqliteShape(sqlite);
  pg = (await tempPglite()).client;
  pgSchema = await pgShape(pg);
}, 180_000);
afterAll(() => pg?.close());

describe("the SQLite and PostgreSQL migrations", () => {
  it("hold the same tables, columns, defaults, keys, indexes, checks and triggers", () => {
    expect(schemaDifferences(sqliteSchema, pgSchema)).toEqual([]);
  });

  it("and the comparison reports each way a PostgreSQL schema could drift", async () => {
    await pg.exec("begin");
    try {
      await pg.exec(`
        alter table meetings drop column title;
        drop index rooms_link_lower_unique;
        create index rooms_pmi_extra on rooms (pmi);
        drop index users_email_lower_unique;
        create unique index users_email_lower_unique on users (email);
        alter table rooms drop constraint rooms_jbh_needs_passcode;
        alter table rooms alter column waiting_room drop default;
        alter table users alter column created_at type timestamp(3);
        alter table sessions alter column user_id drop not null;
        alter table rooms drop constraint rooms_secured_by_users_id_fk;
        alter table rooms add constraint rooms_secured_by_users_id_fk foreign key (secured_by) references users(id);
        drop trigger support_access_log_no_delete on support_access_log;
      `);
      const broken = await pgShape(pg);
      expect(schemaDifferences(sqliteSchema, broken).sort()).toEqual(
        [
          "meetings: column title only on SQLite",
          "rooms: index rooms_link_lower_unique only on SQLite",
          "rooms: index rooms_pmi_extra only on PostgreSQL",
          "users: index users_email_lower_unique is unique on (lower(email)) on SQLite, unique on (email) on PostgreSQL",
          "rooms: check rooms_jbh_needs_passcode only on SQLite",
          "rooms.waiting_room: SQLite integer not null default true wants boolean not null default true, " +
            "PostgreSQL has boolean not null",
          "users.created_at: SQLite integer not null default unixepoch('subsec') * 1000 wants timestamp(3) with " +
            "time zone not null default now, PostgreSQL has timestamp(3) without time zone not null default now",
          "sessions.user_id: SQLite integer not null wants integer not null, PostgreSQL has integer",
          "rooms: foreign key (secured_by) -> users(id) on delete set null on update no action only on SQLite",
          "rooms: foreign key (secured_by) -> users(id) on delete no action on update no action only on PostgreSQL",
          "support_access_log: trigger support_access_log_no_delete (before delete) only on SQLite",
        ].sort(),
      );
    } finally {
      await pg.exec("rollback");
    }
    expect(schemaDifferences(sqliteSchema, await pgShape(pg))).toEqual([]);
  });
});

const sqliteValue = (v: unknown) => (typeof v === "boolean" ? Number(v) : v instanceof Date ? v.getTime() : v);
const engines: Engine[] = [
  {
    name: "SQLite",
    exec: async (sql) => void sqlite.exec(sql),
    run: async (sql, params) => void sqlite.prepare(sql.replace(/\$\d+/g, "?")).run(...params.map(sqliteValue)),
    // SQLite names the CHECK that failed, but not always the unique index, and never the foreign key.
    expected: (kind, name) =>
      kind === "check" ? `CHECK constraint failed: ${name}` : `${kind.toUpperCase()} constraint failed`,
    describe: (error) => (error as Error).message,
  },
  {
    name: "PostgreSQL",
    exec: async (sql) => void (await pg.exec(sql)),
    run: async (sql, params) =>
      void (await pg.query(
        sql,
        params.map((v) => (v instanceof Date ? v.toISOString() : v)),
      )),
    expected: (_kind, name) => `constraint ${name}`,
    describe: (error) => `constraint ${(error as { constraint?: string }).constraint ?? (error as Error).message}`,
  },
];

function insert(engine: Engine, table: string, row: Row) {
  const columns = Object.keys(row);
  const placeholders = columns.map((_, i) => `$${i + 1}`);
  const sql = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) values (${placeholders.join(", ")})`;
  return engine.run(sql, Object.values(row));
}

async function outcome(engine: Engine, attempt: () => Promise<void>): Promise<unknown> {
  await engine.exec("savepoint attempt");
  try {
    await attempt();
    return null;
  } catch (error) {
    return error;
  } finally {
    await engine.exec("rollback to savepoint attempt");
  }
}

describe.each(engines.map((engine) => [engine.name, engine] as const))("on %s the database itself", (_, engine) => {
  beforeAll(async () => {
    for (const [table, row] of SETUP) await insert(engine, table, row);
    await engine.exec("begin");
  });
  afterAll(() => engine.exec("rollback"));

  it.each(CASES.map((c) => [c.why, c] as const))("refuses %s", async (_why, c) => {
    expect(await outcome(engine, () => insert(engine, c.table, c.good)), "the good row goes in").toBeNull();
    const error = await outcome(engine, () => insert(engine, c.table, { ...c.good, ...c.bad }));
    expect(error, "the bad row is refused").not.toBeNull();
    expect(engine.describe(error)).toContain(engine.expected(c.kind, c.constraint));
  });

  it.each(TRIGGER_CASES.filter((c) => c.engines.includes(engine.name)).map((c) => [c.sql, c.sql] as const))(
    "keeps the support access log append-only: %s",
    async (sql) => {
      const error = await outcome(engine, () => engine.exec(sql));
      expect((error as Error | null)?.message).toMatch(/support_access_log is append-only/);
    },
  );
});
