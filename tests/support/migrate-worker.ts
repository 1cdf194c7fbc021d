// A server process starting up, for the migration test: applies the migrations to a file and prints how many
// it applied itself.
import { openDatabase } from "@/db";
import { migrate } from "@/db/migrate";

console.log(migrate(openDatabase(process.argv[2]!)));
