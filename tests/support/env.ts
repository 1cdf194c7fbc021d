import os from "node:os";
import path from "node:path";

// Shared by the Playwright config (which starts the server) and the tests (which create accounts in the same file).
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3200);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_DATABASE_PATH =
  process.env.E2E_DATABASE_PATH ?? path.join(os.tmpdir(), `roomdesk-e2e-${E2E_PORT}`, "roomdesk.db");
