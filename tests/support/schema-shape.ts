import type Database from "better-sqlite3";

/** What a migrated database holds, read back from the engine's own catalogue, in one shape for both engines. */
export type Column = { type: string; notNull: boolean; default: string | null; generated: boolean };
export type Index = { unique: boolean; partial: boolean; on: string[] };
export type Table = {
  columns: Record<string, Column>;
  primaryKey: string[];
  indexes: Record<string, Index>;
  uniqueConstraints: string[];
  checks: string[];
  foreignKeys: string[];
  triggers: Record<string, string>;
};
export type Shape = Record<string, Table>;

const emptyTable = (): Table => ({
  columns: {},
  primaryKey: [],
  indexes: {},
  uniqueConstraints: [],
  checks: [],
  foreignKeys: [],
  triggers: {},
});

/** `lower("link")` and `lower(link)` are one expression: quotes, case and spacing do not matter. */
const normalizeExpression = (e: string) => e.replace(/[`"]/g, "").replace(/\s+/g, " ").trim().toLowerCase();

const foreignKey = (columns: string[], table: string, references: string[], onDelete: string, onUpdate: string) =>
  `(${columns.join(", ")}) -> ${table}(${references.join(", ")}) on delete ${onDelete} on update ${onUpdate}`;

const triggerEvent = (definition: string) =>
  /\b(BEFORE|AFTER|INSTEAD OF)\s+(.+?)\s+ON\s/i.exec(definition)?.slice(1).join(" ").toLowerCase() ?? definition;

/** Splits `a, lower(b), c` at the commas outside parentheses. */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === "(") depth++;
    else if (list[i] === ")") depth--;
    else if (list[i] === "," && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  return [...parts, list.slice(start)];
}

/** The key expressions of a CREATE INDEX statement: what stands between the parentheses after ON <table>. */
function indexedExpressions(createIndex: string): string[] {
  const open = createIndex.indexOf("(", createIndex.search(/\sON\s/i));
  let depth = 0;
  for (let i = open; i < createIndex.length; i++) {
    if (createIndex[i] === "(") depth++;
    else if (createIndex[i] === ")" && --depth === 0) return splitTopLevel(createIndex.slice(open + 1, i));
  }
  throw new Error(`cannot read the columns of: ${createIndex}`);
}

type SqliteColumn = { cid: number; name: string; type: string; notnull: number; dflt_value: string | null; pk: number };
type SqliteIndex = { name: string; unique: number; origin: string; partial: number };
type SqliteIndexColumn = { seqno: number; cid: number; name: string | null; key: number };
type SqliteForeignKey = { id: number; seq: number; table: string; from: string; to: string | null } & Record<
  "on_update" | "on_delete",
  string
>;

export function sqliteShape(db: Database.Database): Shape {
  const shape: Shape = {};
  const master = db
    .prepare("select type, name, tbl_name as tableName, sql from sqlite_master where sql is not null")
    .all() as { type: string; name: string; tableName: string; sql: string }[];
  // SQLite's own tables and drizzle's journal are not the schema.
  const tables = master.filter(
    (m) => m.type === "table" && !m.name.startsWith("sqlite_") && m.name !== "__drizzle_migrations",
  );
  for (const { name, sql } of tables) {
    const table = (shape[name] = emptyTable());
    const columns = db.pragma(`table_info("${name}")`) as SqliteColumn[];
    for (const c of columns) {
      const generated = new RegExp(`[\`"]${c.name}[\`"] integer PRIMARY KEY AUTOINCREMENT`, "i").test(sql);
      table.columns[c.name] = {
        type: c.type.toLowerCase(),
        notNull: c.notnull === 1,
        default: c.dflt_value,
        generated,
      };
    }
    table.primaryKey = columns
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    for (const index of db.pragma(`index_list("${name}")`) as SqliteIndex[]) {
      if (index.origin === "pk") continue;
      const keys = (db.pragma(`index_xinfo("${index.name}")`) as SqliteIndexColumn[]).filter((k) => k.key === 1);
      const statement = master.find((m) => m.type === "index" && m.name === index.name)?.sql;
      const expressions = statement ? indexedExpressions(statement) : [];
      const on = keys
        .sort((a, b) => a.seqno - b.seqno)
        .map((k) => normalizeExpression(k.name ?? expressions[k.seqno]!));
      if (index.origin === "u") table.uniqueConstraints.push(on.join(", "));
      else table.indexes[index.name] = { unique: index.unique === 1, partial: index.partial === 1, on };
    }
    const named = [...sql.matchAll(/CONSTRAINT\s+[`"]?(\w+)[`"]?\s+CHECK\b/gi)].map((m) => m[1]!);
    const unnamed = [...sql.matchAll(/\bCHECK\s*\(/gi)].length - named.length;
    table.checks = [...named, ...Array.from({ length: unnamed }, (_, i) => `(unnamed check ${i + 1})`)].sort();
    const keys = db.pragma(`foreign_key_list("${name}")`) as SqliteForeignKey[];
    for (const id of new Set(keys.map((k) => k.id))) {
      const parts = keys.filter((k) => k.id === id).sort((a, b) => a.seq - b.seq);
      const target = parts[0]!.table;
      const targetPk = () => (db.pragma(`table_info("${target}")`) as SqliteColumn[]).filter((c) => c.pk > 0);
      const references = parts.map((k, i) => k.to ?? targetPk()[i]!.name);
      const { on_delete: onDelete, on_update: onUpdate } = parts[0]!;
      const columns = parts.map((k) => k.from);
      table.foreignKeys.push(foreignKey(columns, target, references, onDelete.toLowerCase(), onUpdate.toLowerCase()));
    }
    table.foreignKeys.sort();
  }
  for (const trigger of master.filter((m) => m.type === "trigger")) {
    const table = shape[trigger.tableName];
    if (table) table.triggers[trigger.name] = triggerEvent(trigger.sql);
  }
  return shape;
}

// pg_constraint's action codes (https://www.postgresql.org/docs/15/catalog-pg-constraint.html).
const ACTIONS: Record<string, string> = {
  a: "no action",
  r: "restrict",
  c: "cascade",
  n: "set null",
  d: "set default",
};

const IN_PUBLIC = "n.nspname = 'public'";
const columnsOf = (rel: string, nums: string) =>
  `array(select a.attname from unnest(${nums}) with ordinality u(num, i) join pg_attribute a
    on a.attrelid = ${rel} and a.attnum = u.num order by u.i)::text[]`;

/** PGlite or a node-postgres pool: anything that answers a query with rows. */
type Queryable = { query: (sql: string) => Promise<{ rows: unknown[] }> };

export async function pgShape(pg: Queryable): Promise<Shape> {
  const shape: Shape = {};
  const rows = async <T>(sql: string) => (await pg.query(sql)).rows as T[];
  const tables = await rows<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where ${IN_PUBLIC} and c.relkind = 'r' order by c.relname`,
  );
  for (const { name } of tables) shape[name] = emptyTable();
  const at = (table: string) => shape[table] ?? (shape[table] = emptyTable());

  type PgColumn = { table: string; name: string; type: string; notNull: boolean; default: string | null };
  for (const c of await rows<PgColumn & { identity: string }>(
    `select c.relname as table, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
       a.attnotnull as "notNull", pg_get_expr(d.adbin, d.adrelid) as default, a.attidentity as identity
     from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
     where ${IN_PUBLIC} and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped order by c.relname, a.attnum`,
  )) {
    const serial = c.default?.startsWith("nextval(") ?? false;
    const generated = c.identity !== "" || serial;
    at(c.table).columns[c.name] = { type: c.type, notNull: c.notNull, default: serial ? null : c.default, generated };
  }

  type PgConstraint = { table: string; name: string; type: string; columns: string[]; refTable: string | null };
  for (const k of await rows<PgConstraint & { refColumns: string[]; onDelete: string; onUpdate: string }>(
    `select c.relname as table, k.conname as name, k.contype as type, ${columnsOf("k.conrelid", "k.conkey")} as columns,
       f.relname as "refTable", ${columnsOf("k.confrelid", "k.confkey")} as "refColumns",
       k.confdeltype as "onDelete", k.confupdtype as "onUpdate"
     from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
     left join pg_class f on f.oid = k.confrelid where ${IN_PUBLIC} order by k.conname`,
  )) {
    const table = at(k.table);
    if (k.type === "p") table.primaryKey = k.columns;
    else if (k.type === "u") table.uniqueConstraints.push(k.columns.join(", "));
    else if (k.type === "c") table.checks.push(k.name);
    else if (k.type === "f")
      table.foreignKeys.push(
        foreignKey(k.columns, k.refTable!, k.refColumns, ACTIONS[k.onDelete]!, ACTIONS[k.onUpdate]!),
      );
  }
  for (const table of Object.values(shape)) table.foreignKeys.sort();

  // Indexes that back a primary key or unique constraint are compared as those constraints, above.
  for (const i of await rows<{ table: string; name: string } & Index>(
    `select t.relname as table, i.relname as name, x.indisunique as unique, x.indpred is not null as partial,
       array(select pg_get_indexdef(x.indexrelid, k, true) from generate_series(1, x.indnkeyatts) k order by k)::text[]
         as on
     from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
     join pg_namespace n on n.oid = t.relnamespace
     where ${IN_PUBLIC} and not exists
       (select 1 from pg_constraint k where k.conindid = x.indexrelid and k.contype in ('p', 'u', 'x'))`,
  ))
    at(i.table).indexes[i.name] = { unique: i.unique, partial: i.partial, on: i.on.map(normalizeExpression) };

  for (const t of await rows<{ table: string; name: string; definition: string }>(
    `select c.relname as table, t.tgname as name, pg_get_triggerdef(t.oid) as definition
     from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
     where ${IN_PUBLIC} and not t.tgisinternal`,
  ))
    at(t.table).triggers[t.name] = triggerEvent(t.definition);
  return shape;
}
