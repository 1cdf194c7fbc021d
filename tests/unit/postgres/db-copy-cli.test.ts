import { spawnSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { copyPlan } from "@/db/copy-plan";
import { sqliteSource } from "../../support/copy-db";
import { emptyServerDatabase } from "../../support/temp-pg";

let file: string;
beforeAll(async () => {
  ({ file } = await sqliteSource());
}, 120_000);

/** `npm run db:copy -- ...args`, as an operator runs it, without the test run's DATABASE_URL. */
function dbCopy(...args: string[]) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  return spawnSync(tsx, ["--conditions=react-server", "scripts/db-copy.ts", ...args], { env, encoding: "utf8" });
}

describe("npm run db:copy", () => {
  it("copies, then prints each table with its rows and checksum", async () => {
    const url = await emptyServerDatabase();
    const run = dbCopy("--from", file, "--to", url);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    for (const table of copyPlan())
      expect(run.stdout).toMatch(new RegExp(`^${table.name} +\\d+ rows  checksum ok$`, "m"));
    expect(run.stdout).toMatch(new RegExp(`Copied \\d+ rows in ${copyPlan().length} tables from .* to PostgreSQL `));
  }, 120_000);

  it("says what is wrong with its arguments and exits non-zero", () => {
    const cases: [string[], RegExp][] = [
      [[], /^--from: name the SQLite database file to copy\.\nUsage: npm run db:copy -- --from /],
      [["--from", file], /^--to: give the PostgreSQL database's URL \(or set DATABASE_URL\)\./],
      [["--from", file, "--to", "mysql://db/roomdesk"], /^--to must be a postgres:\/\/ or postgresql:\/\/ URL\./],
      [["--form", file], /Unknown option '--form'/],
      [["--from", `${file}.missing`, "--to", "postgres://127.0.0.1:1/none"], /^--from .*\.missing: no such file\.$/m],
    ];
    for (const [args, message] of cases) {
      const run = dbCopy(...args);
      expect(run.status, args.join(" ")).toBe(1);
      expect(run.stderr, args.join(" ")).toMatch(message);
      expect(run.stdout).toBe("");
    }
  }, 120_000);
});
