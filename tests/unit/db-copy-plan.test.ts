import { describe, expect, it } from "vitest";
import { copyPlan } from "@/db/copy-plan";
import { tempSqlite } from "../support/temp-db";

type Column = { name: string; pk: number };
type ForeignKey = { table: string };

describe("the tables db:copy copies", () => {
  it("are every table the migrations create, each after the tables it references, keyed as the database keys it", async () => {
    const sqlite = (await tempSqlite()).db.$client;
    const created = sqlite
      .prepare(`select name from sqlite_master where type = 'table' order by name`)
      .pluck()
      .all() as string[];
    // Drizzle's journal belongs to each database (the target keeps its own); sqlite_sequence is SQLite's
    // AUTOINCREMENT counter, which the copy turns into the target's identity sequences.
    const data = created.filter((name) => name !== "__drizzle_migrations" && !name.startsWith("sqlite_"));
    const plan = copyPlan();
    expect(plan.map((t) => t.name).sort()).toEqual(data);

    const position = new Map(plan.map((t, i) => [t.name, i]));
    for (const [i, t] of plan.entries()) {
      for (const key of sqlite.pragma(`foreign_key_list("${t.name}")`) as ForeignKey[]) {
        if (key.table !== t.name) expect(position.get(key.table), `${t.name} -> ${key.table}`).toBeLessThan(i);
      }
      const columns = sqlite.pragma(`table_info("${t.name}")`) as Column[];
      const primaryKey = columns
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      const keyColumns = t.key.map(
        (property) => (t.sqlite as unknown as Record<string, { name: string }>)[property]!.name,
      );
      expect(keyColumns, t.name).toEqual(primaryKey);
      expect(t.columns.length, t.name).toBe(columns.length);
    }
    sqlite.close();
  });
});
