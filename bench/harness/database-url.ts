// The bench's PostgreSQL rows run on the server DATABASE_URL names (in a database of their own), every other
// row on SQLite. Taken out of the environment before anything loads db/schema.ts, which picks its engine's
// tables as it loads, and before any server inherits it: index.ts imports this module first.
export const givenDatabaseUrl = process.env.DATABASE_URL || undefined;
delete process.env.DATABASE_URL;
