import os from "node:os";
import path from "node:path";
import { DEFAULT_SITE_URL } from "../../lib/server/site-url";

// Shared by the Playwright config (which starts the server) and the tests (which create accounts in the same
// database). E2E_DATABASE_URL, set by tests/support/e2e-run.ts for the second run, selects PostgreSQL.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3200);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_DATABASE_PATH =
  process.env.E2E_DATABASE_PATH ?? path.join(os.tmpdir(), `roomdesk-e2e-${E2E_PORT}`, "roomdesk.db");
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL || undefined;
export const E2E_ENGINE: "sqlite" | "postgres" = E2E_DATABASE_URL ? "postgres" : "sqlite";

/**
 * What a process needs in its environment to use the server's database: spread it into `env` after
 * process.env (an empty DATABASE_URL means SQLite, whatever the shell running the tests had set).
 */
export const E2E_DATABASE_ENV: Record<string, string> = {
  DATABASE_PATH: E2E_DATABASE_PATH,
  DATABASE_URL: E2E_DATABASE_URL ?? "",
};

/**
 * The help pages' canonical link for `path`: the test build has no SITE_URL, so pages are prerendered on the
 * default address, and each is rendered again on the server's own SITE_URL (its address) once its 5-minute
 * revalidation comes due, which a long run reaches. Either way the link is absolute and names the page.
 */
export const canonicalFor = (path: string) =>
  new RegExp(`^(${[DEFAULT_SITE_URL, E2E_BASE_URL].map(literal).join("|")})${literal(path)}$`);

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
