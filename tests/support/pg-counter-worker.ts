// Another server process for the PostgreSQL transaction tests: increments the counter many times, each a
// read-modify-write in its own transaction. Prints "done" or the error.
import { closeDatabase, openPostgres } from "@/db";
import { withTransaction } from "@/db/transaction";
import { increment } from "./pg-counter";

const [url, rounds] = [process.argv[2]!, Number(process.argv[3])];
const db = openPostgres(url, 2);
try {
  for (let i = 0; i < rounds; i++) await withTransaction(db, (tx) => increment(tx));
  console.log("done");
} catch (error) {
  console.log(String(error));
  process.exitCode = 1;
} finally {
  await closeDatabase(db);
}
