import fs from "node:fs";
import path from "node:path";

// The house rules (README "House"): which part of the tree may import which. Reads run
// app -> lib/<feature>/queries -> db; writes app -> lib/<feature>/actions -> lib/<feature>/service -> db;
// lib/validation sits at the bottom and runs in the browser too.

const root = path.dirname(new URL(import.meta.url).pathname);

/** A project path ("lib/room/service") for an import, or null for a package. */
function target(specifier, fromFile) {
  if (specifier.startsWith("@/")) return specifier.slice(2).replace(/\.(ts|tsx|mjs|js)$/, "");
  if (!specifier.startsWith(".")) return null;
  const absolute = path.resolve(path.dirname(fromFile), specifier);
  return path
    .relative(root, absolute)
    .split(path.sep)
    .join("/")
    .replace(/\.(ts|tsx|mjs|js)$/, "");
}

const FEATURES = ["room", "meetings", "join", "support", "auth", "help", "mail"];

// A feature file that reaches the database is service (or queries/actions); one that does not is a pure
// helper (formatting, calendars, rule lists) that pages may use too.
const touches = new Map();
function touchesDatabase(p) {
  if (!touches.has(p)) {
    const file = [".ts", ".tsx"].map((ext) => path.join(root, p + ext)).find((f) => fs.existsSync(f));
    touches.set(p, file ? /^import (?!type )[^\n]*from "@\/db(\/|")/m.test(fs.readFileSync(file, "utf8")) : false);
  }
  return touches.get(p);
}

/** What a project path is: a layer, and the feature it belongs to. */
function kind(p) {
  if (p === "db" || p.startsWith("db/")) return { layer: "db" };
  if (p.startsWith("lib/validation")) return { layer: "validation" };
  if (p === "lib/server/env") return { layer: "env" };
  if (p === "lib/server/queries") return { layer: "queries", feature: "server", file: "queries" };
  if (p.startsWith("lib/server")) return { layer: "server" };
  if (p.startsWith("app/")) return { layer: "app" };
  const m = /^lib\/([^/]+)(?:\/(.+))?$/.exec(p);
  if (m && FEATURES.includes(m[1])) {
    const file = m[2] ?? "index";
    const layer =
      file === "actions" || file.endsWith("-actions")
        ? "actions"
        : file === "queries"
          ? "queries"
          : file === "route"
            ? "route"
            : file === "service" || touchesDatabase(p)
              ? "service"
              : "helper";
    return { layer, feature: m[1], file };
  }
  return { layer: "other" };
}

// Request helpers in lib/server that pages need (their own origin, a safe return address); not env,
// rate limits or the action wrapper.
const REQUEST_HELPERS = ["lib/server/site", "lib/server/safe-callback", "lib/server/request-limits"];
// The database handle, which actions and route handlers pass to their service; never the schema or a query.
const HANDLE = "db";

const allowed = {
  // app/ (server): reads through queries, writes through actions; never the database or a service.
  app: (t, _me, p) =>
    ["queries", "actions", "route", "validation", "app", "helper", "other"].includes(t.layer) ||
    (t.feature === "auth" && t.file === "index") ||
    t.feature === "help" ||
    REQUEST_HELPERS.includes(p),
  // A "use client" file runs in the browser: rules, actions (as references), shared UI.
  client: (t) => ["validation", "actions", "app"].includes(t.layer),
  actions: (t, me, p) =>
    ["validation", "server", "env", "helper"].includes(t.layer) ||
    t.feature === "auth" ||
    p === HANDLE ||
    (t.feature === me.feature && t.layer === "service"),
  route: (t, me, p) =>
    ["validation", "server", "env", "helper"].includes(t.layer) ||
    t.feature === "auth" ||
    p === HANDLE ||
    (t.feature === me.feature && t.layer === "service"),
  // Queries read; they may compose other queries, and call their own feature's service for a read the service
  // also needs inside a transaction.
  queries: (t, me) =>
    ["db", "validation", "server", "env", "helper", "queries"].includes(t.layer) ||
    t.feature === "auth" ||
    (t.feature === me.feature && t.layer === "service"),
  service: (t) => ["db", "validation", "server", "env", "helper", "service", "other"].includes(t.layer),
  helper: (t) => ["validation", "helper", "server", "env", "other"].includes(t.layer),
  db: (t) => ["db", "validation", "env"].includes(t.layer),
  validation: (t) => t.layer === "validation",
};

const PACKAGES = { validation: (name) => name === "zod", client: (name) => name !== "server-only" };

function isClientFile(program) {
  const first = program.body[0];
  return first?.type === "ExpressionStatement" && first.directive === "use client";
}

/** @type {import("eslint").Rule.RuleModule} */
const imports = {
  meta: { type: "problem", messages: { wrong: '{{from}} may not import {{to}} (README "House": {{why}}).' } },
  create(context) {
    const file = context.filename;
    const me = kind(
      path
        .relative(root, file)
        .split(path.sep)
        .join("/")
        .replace(/\.(ts|tsx|mjs|js)$/, ""),
    );
    let role = ["other", "env", "server"].includes(me.layer) ? null : me.layer;
    const check = (node, specifier, typeOnly) => {
      if (!role || typeOnly) return;
      const p = target(specifier, file);
      if (p === null) {
        const ok = PACKAGES[role]?.(specifier) ?? true;
        if (!ok) context.report({ node, messageId: "wrong", data: { from: role, to: specifier, why: "packages" } });
        return;
      }
      const t = kind(p);
      if (!allowed[role](t, me, p))
        context.report({ node, messageId: "wrong", data: { from: `a ${role} file`, to: p, why: role } });
    };
    return {
      Program(program) {
        if (isClientFile(program) && (me.layer === "app" || me.feature)) role = "client";
      },
      ImportDeclaration(node) {
        check(node, node.source.value, node.importKind === "type");
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value, node.exportKind === "type");
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value, node.exportKind === "type");
      },
    };
  },
};

export const house = { rules: { imports } };
