import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// The server the end-to-end tests drive: the production build, on a throwaway SQLite file, seeded with
// the demo accounts. Everything it needs comes from the environment Playwright sets (playwright.config.ts).
const file = process.env.DATABASE_PATH;
if (!file) throw new Error("DATABASE_PATH is required");
fs.mkdirSync(path.dirname(file), { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });

const { db } = await import("@/db");
const { migrate } = await import("@/db/migrate");
const { seedDemo } = await import("@/scripts/seed");
migrate(db());
await seedDemo(db());
db().$client.close();

const server = spawn(
  path.join(process.cwd(), "node_modules", ".bin", "next"),
  ["start", "-p", process.env.PORT ?? "3200"],
  {
    stdio: "inherit",
    env: process.env,
  },
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
