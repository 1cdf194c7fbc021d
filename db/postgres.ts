import "server-only";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { attach, type Db, type PgSource } from "./handle";
import * as schema from "./postgres/schema";

/**
 * A pool of `size` connections to the PostgreSQL server at `url`. Queries outside a transaction take any free
 * connection; a transaction (db/transaction.ts) holds one from BEGIN to COMMIT or ROLLBACK.
 */
export function openPostgres(url: string, size: number): Db {
  // allowExitOnIdle: a script ends when its work is done, like one on SQLite; a server's listener keeps it up.
  const pool = new pg.Pool({ connectionString: url, max: size, application_name: "roomdesk", allowExitOnIdle: true });
  // An idle connection that breaks (a server restart) must not take the process down; the pool opens another.
  pool.on("error", (error) => console.error(`PostgreSQL: an idle connection failed: ${error.message}`));

  // Pooled connections are reused, so each keeps its Drizzle handle for the transactions it serves next.
  const handles = new WeakMap<pg.PoolClient, Db>();
  const handleFor = (client: pg.PoolClient): Db => {
    let db = handles.get(client);
    if (!db) {
      db = attach(drizzle(client, { schema }) as unknown as Db, { engine: "postgres", source, store: client });
      handles.set(client, db);
    }
    return db;
  };

  const source: PgSource = {
    store: pool,
    close: () => pool.end(),
    async transaction(body) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        // Named, not left to the server's default_transaction_isolation: the services' locking assumes it.
        await client.query("BEGIN ISOLATION LEVEL READ COMMITTED");
        const result = await body(handleFor(client), client);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        // A connection that cannot even roll back is closed rather than handed to the next caller.
        await client.query("ROLLBACK").catch((failed: Error) => (broken = failed));
        throw error;
      } finally {
        client.release(broken);
      }
    },
  };
  return attach(drizzle(pool, { schema }) as unknown as Db, { engine: "postgres", source, store: pool });
}
