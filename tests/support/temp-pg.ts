import { randomBytes } from "node:crypto";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import pg from "pg";
import { inject } from "vitest";
import { openPostgres } from "@/db";
import { attach, type Db, type PgSource, type PgStore } from "@/db/handle";
import { migrate } from "@/db/migrate";
import * as schema from "@/db/postgres/schema";

type Queryable = PGlite | Transaction;

/** PGlite answering the pg-style queries that db/migrate.ts and rate-limiter-flexible send. */
function storeOf(q: Queryable): PgStore {
  return {
    async query({ text, values }) {
      // Without parameters a migration may hold several statements, which only exec() runs.
      const result = values?.length
        ? await q.query<Record<string, unknown>>(text, values)
        : (await q.exec(text)).at(-1);
      const rows = result?.rows ?? [];
      return { rows, rowCount: Math.max(rows.length, result?.affectedRows ?? 0) };
    },
  };
}

/**
 * A Db over PGlite, through the same transaction code as the app's pool. PGlite has one connection: it runs
 * one transaction at a time, and queries from outside wait for it to end.
 */
export function pgliteDb(client: PGlite): Db {
  const on = (q: Queryable, store: PgStore) =>
    attach(drizzle(q as PGlite, { schema }) as unknown as Db, { engine: "postgres", source, store });
  const source: PgSource = {
    store: storeOf(client),
    close: () => client.close(),
    transaction: (body) =>
      client.transaction((tx) => {
        const store = storeOf(tx);
        return body(on(tx, store), store);
      }),
  };
  return on(client, source.store);
}

/**
 * A real PostgreSQL in process (PGlite) with the committed migrations applied. It has one connection, so
 * tests of locks and concurrent claims use the test run's server instead (tempServerDatabase).
 */
export async function tempPglite() {
  const client = await PGlite.create();
  const db = pgliteDb(client);
  await migrate(db);
  return { client, db };
}

let shared: ReturnType<typeof tempPglite> | undefined;

/** PGlite takes seconds to start: one per test file, emptied for each test. */
export async function emptiedPglite() {
  shared ??= tempPglite();
  const { client, db } = await shared;
  const { rows } = await client.query<{ name: string }>(
    "select quote_ident(tablename) as name from pg_tables where schemaname = 'public'",
  );
  // As a replica the session skips triggers, the support log's guard against TRUNCATE among them.
  await client.exec(`set session_replication_role = replica;
    truncate ${rows.map((r) => r.name).join(", ")} restart identity cascade;
    set session_replication_role = origin;`);
  return { client, db };
}

function serverUrl(): string {
  const server = inject("postgres");
  if ("problem" in server) throw new Error(server.problem);
  return server.url;
}

/** A new, empty database on the test run's PostgreSQL server (tests/support/pg-global.ts): its URL. */
export async function emptyServerDatabase(): Promise<string> {
  const admin = new pg.Client(serverUrl());
  const name = `roomdesk_${randomBytes(6).toString("hex")}`;
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return serverUrl().replace(/\/postgres$/, `/${name}`);
}

/** A new, migrated database on the test run's server, through the app's own pool. */
export async function tempServerDatabase(poolSize = 10) {
  const url = await emptyServerDatabase();
  const db = openPostgres(url, poolSize);
  await migrate(db);
  return { db, url };
}
