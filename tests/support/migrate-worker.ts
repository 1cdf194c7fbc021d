// A server process starting up, for the migration tests: applies the migrations to a SQLite file or a
// PostgreSQL database and prints how many it applied itself.
import { openDatabase, openPostgres } from "@/db";
import { migrate } from "@/db/migrate";

const where = process.argv[2]!;
const db = /^postgres(ql)?:/.test(where) ? openPostgres(where, 1) : openDatabase(where);
console.log(await migrate(db));
