import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { startNext } from "./next-server";

// `npm run demo`: a working Roomdesk on an embedded SQLite file, with demo accounts, in one command.
const root = process.cwd();
const dataDir = path.join(root, "data");
fs.mkdirSync(dataDir, { recursive: true });

const secretFile = path.join(dataDir, "auth-secret");
if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
process.env.AUTH_SECRET ??= fs.readFileSync(secretFile, "utf8").trim();
process.env.DATABASE_PATH ??= path.join(dataDir, "roomdesk.db");
process.env.AUTH_TRUST_HOST ??= "true";
const port = process.env.PORT ?? "3000";
// Without SMTP_URL, mail (security notices, answers from support) is written here as .eml files.
process.env.MAIL_DIR ??= path.join(dataDir, "mail");
process.env.SITE_URL ??= `http://localhost:${port}`;

const { prepareDemoDatabase, DEMO_ACCOUNTS, DEMO_PASSWORD } = await import("@/scripts/seed");
const seeded = await prepareDemoDatabase();

function newestMtime(entry: string): number {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(full).reduce((max, name) => Math.max(max, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

const buildId = path.join(root, ".next", "BUILD_ID");
const sources = [
  "app",
  "lib",
  "db",
  "content",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.mjs",
  "contentlayer.config.ts",
  "package-lock.json",
];
const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
if (sources.some((s) => newestMtime(s) > builtAt)) {
  console.log("Building Roomdesk (first run, or the sources changed)...");
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit", env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Single sign-on next to the passwords, unless turned off or Roomdesk is pointed at a real provider.
let ssoLine: string | undefined;
if (process.env.DEMO_SSO !== "off" && !process.env.OIDC_ISSUER) {
  const { startDemoSso } = await import("./demo-sso");
  ssoLine = await startDemoSso(dataDir, port, Number(process.env.DEMO_SSO_PORT ?? Number(port) + 1));
}

startNext(port);

const url = `http://localhost:${port}`;
for (let i = 0; i < 120; i++) {
  const ok = await fetch(`${url}/api/health`).then(
    (r) => r.ok,
    () => false,
  );
  if (ok) break;
  await new Promise((r) => setTimeout(r, 500));
}
console.log(`\nRoomdesk is running at ${url}`);
console.log(seeded ? "Demo accounts created:" : "Demo accounts (created on first run):");
for (const a of DEMO_ACCOUNTS) console.log(`  ${a.email.padEnd(22)} ${a.name.padEnd(14)} ${a.role}`);
console.log(`  password for all three: ${DEMO_PASSWORD}\n`);
if (ssoLine) console.log(`${ssoLine}\n`);
console.log(
  process.env.SMTP_URL
    ? `Mail is sent through ${new URL(process.env.SMTP_URL).host}.\n`
    : `Mail (security notices, answers from support) is written to ${path.relative(root, process.env.MAIL_DIR) || "."}/ as .eml files.\n`,
);
