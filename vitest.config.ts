import path from "node:path";
import { defineConfig } from "vitest/config";

// Service tests that run on SQLite and on PGlite; tests/unit/postgres/ needs a real server (several connections).
const BOTH_ENGINES = [
  "room-service",
  "join",
  "sessions",
  "rate-limit",
  "meetings",
  "device-cookie",
  "time-zones",
  "support",
  "support-send",
  "sso",
  "mail-outbox",
];

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "contentlayer/generated": path.resolve(import.meta.dirname, ".contentlayer/generated"),
      // Unit tests run server modules directly; the guard only matters inside the Next bundles.
      "server-only": path.resolve(import.meta.dirname, "tests/support/server-only.ts"),
    },
  },
  test: {
    environment: "node",
    pool: "forks",
    // Queries modules import next-auth (through lib/auth), whose ESM imports "next/server" without an extension.
    server: { deps: { inline: ["next-auth"] } },
    projects: [
      {
        extends: true,
        test: { name: "sqlite", include: ["tests/unit/**/*.test.ts"], exclude: ["tests/unit/postgres/**"] },
      },
      {
        extends: true,
        test: {
          name: "pglite",
          include: BOTH_ENGINES.map((name) => `tests/unit/${name}.test.ts`),
          // Selects PostgreSQL's tables (db/schema.ts) and PGlite in tempDatabase(); nothing connects to this URL.
          env: { DATABASE_URL: "postgres://unit-tests.invalid/roomdesk" },
          setupFiles: ["tests/support/pglite-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: ["tests/unit/postgres/**/*.test.ts"],
          env: { DATABASE_URL: "postgres://unit-tests.invalid/roomdesk" },
          // A throwaway PostgreSQL server for the run, for what PGlite's one connection cannot show.
          globalSetup: ["tests/support/pg-global.ts"],
        },
      },
    ],
  },
});
