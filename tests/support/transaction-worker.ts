// A second (and third) process for the transaction tests: read-modify-write a counter many times, with an
// await between the read and the write, through withTransaction. Prints "done" or the error.
import { openDatabase, type SqliteDb } from "@/db";
import { withTransaction } from "@/db/transaction";

const [file, rounds] = [process.argv[2]!, Number(process.argv[3])];
const db = openDatabase(file);
try {
  for (let i = 0; i < rounds; i++) {
    await withTransaction(db, async (tx) => {
      const row = (tx as SqliteDb).$client.prepare("select n from counter").get() as { n: number };
      await new Promise((resolve) => setImmediate(resolve));
      (tx as SqliteDb).$client.prepare("update counter set n = ?").run(row.n + 1);
    });
  }
  console.log("done");
} catch (error) {
  console.log(String((error as { code?: string }).code ?? error));
  process.exitCode = 1;
}
