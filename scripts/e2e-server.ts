import fs from "node:fs";
import path from "node:path";
import { startNext } from "./next-server";

// The server the end-to-end tests drive: the production build, on a throwaway SQLite file (or the empty
// PostgreSQL database named by DATABASE_URL), seeded with the demo accounts, signing in with the local OpenID
// provider too (tests/support/idp.ts), which runs in this process. Everything else it needs comes from the
// environment Playwright sets (playwright.config.ts).
if (!process.env.DATABASE_URL) {
  const file = process.env.DATABASE_PATH;
  if (!file) throw new Error("DATABASE_PATH or DATABASE_URL is required");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}

const { prepareDemoDatabase } = await import("@/scripts/seed");
await prepareDemoDatabase();
const { startE2eIdp, E2E_IDP_ENV } = await import("@/tests/support/idp");
await startE2eIdp();
Object.assign(process.env, E2E_IDP_ENV);
startNext(process.env.PORT ?? "3200");
