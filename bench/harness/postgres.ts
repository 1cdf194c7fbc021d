import { randomBytes } from "node:crypto";
import pg from "pg";
import { closeDatabase, openPostgres } from "@/db";
import { migrate } from "@/db/migrate";
import { startCluster } from "@/tests/support/pg-server";
import { SEED_BATCH, seedPasswordHash, shapeOwners, type Seeded, type SeededRoom } from "./seed";

export type PgTarget = { url: string; where: string; close: () => Promise<void> };

async function onServer<T>(url: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: "roomdesk-bench" });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

/**
 * A new, empty database for the bench: on the server `given` names (its role needs CREATEDB), or on a
 * throwaway PostgreSQL cluster of its own. `close` drops it, or stops the cluster.
 */
export async function pgTarget(given?: string): Promise<PgTarget> {
  const name = `roomdesk_bench_${randomBytes(4).toString("hex")}`;
  const cluster = given ? undefined : await startCluster();
  const admin = given ?? cluster!.url("postgres");
  try {
    await onServer(admin, (client) => client.query(`CREATE DATABASE ${name}`));
  } catch (error) {
    cluster?.stop();
    throw error;
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    where: cluster ? "a throwaway PostgreSQL cluster" : `the PostgreSQL server at ${url.host}`,
    close: async () => {
      if (cluster) return cluster.stop();
      await onServer(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${name}`));
    },
  };
}

// One statement a batch: the users, their rooms (matched by email), each room's "created" entry (by PMI).
const INSERT_BATCH = `
WITH batch AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::boolean[],
    $8::jsonb[]) AS t(email, name, pmi, link, passcode, join_before_host, waiting_room, created)
), new_users AS (
  INSERT INTO users (email, name, password_hash, role) SELECT email, name, $9, 'owner' FROM batch
  RETURNING id, email
), new_rooms AS (
  INSERT INTO rooms (user_id, pmi, link, passcode, join_before_host, waiting_room)
  SELECT u.id, b.pmi, b.link, b.passcode, b.join_before_host, b.waiting_room FROM batch b JOIN new_users u USING (email)
  RETURNING id, user_id, pmi
)
INSERT INTO room_changes (room_id, actor_id, kind, changes)
SELECT r.id, r.user_id, 'created', b.created FROM batch b JOIN new_rooms r USING (pmi)`;

/**
 * Migrates the database through the app's own migrate and fills it with `count` owners, shaped as on SQLite
 * (bench/harness/seed.ts), one multi-row statement per batch. No demo accounts: the PostgreSQL rows need none.
 */
export async function seedPostgres(url: string, count: number, batch = SEED_BATCH): Promise<Seeded> {
  const started = performance.now();
  const db = openPostgres(url, 1);
  try {
    await migrate(db);
  } finally {
    await closeDatabase(db);
  }
  const passwordHash = await seedPasswordHash();
  const taken = { pmis: new Set<string>(), links: new Set<string>() };
  const rooms: SeededRoom[] = [];
  await onServer(url, async (client) => {
    for (let from = 0; from < count; from += batch) {
      const shaped = await shapeOwners(from, Math.min(count, from + batch), taken);
      const column = <T>(pick: (owner: (typeof shaped)[number]) => T) => shaped.map(pick);
      await client.query(INSERT_BATCH, [
        column((o) => o.email),
        column((o) => o.name),
        column((o) => o.room.pmi),
        column((o) => o.room.link),
        column((o) => o.room.passcode),
        column((o) => o.room.joinBeforeHost),
        column((o) => o.room.waitingRoom),
        column((o) => JSON.stringify(o.created)),
        passwordHash,
      ]);
      rooms.push(...shaped.map((o) => ({ email: o.email, pmi: o.room.pmi, passcode: o.room.passcode })));
    }
    await client.query("ANALYZE");
  });
  return { users: count, rooms, seconds: (performance.now() - started) / 1000 };
}

/** How many "updated" history entries each owner's room has, by email. */
export async function updatesRecorded(url: string, emails: string[]): Promise<Map<string, number>> {
  const { rows } = await onServer(url, (client) =>
    client.query<{ email: string; entries: string }>(
      `SELECT u.email, count(c.id) AS entries FROM users u JOIN rooms r ON r.user_id = u.id
       LEFT JOIN room_changes c ON c.room_id = r.id AND c.kind = 'updated'
       WHERE u.email = ANY($1::text[]) GROUP BY u.email`,
      [emails],
    ),
  );
  return new Map(rows.map((r) => [r.email, Number(r.entries)]));
}
