import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { nginxBinary, startNginxUpstream } from "../../bench/harness/nginx";
import { killAllNow, killNow, stopAll } from "../../bench/harness/processes";
import { IDENTITY_LABELS, roomForm, roomSave } from "../../bench/harness/room-form";
import { startApp, type Server } from "../../bench/harness/servers";
import { generatePasscode } from "../../lib/validation/generate";
import config from "../../playwright.config";
import { createAccount, signIn } from "../support/accounts";
import { queryE2eDb } from "../support/db";
import { E2E_DATABASE_ENV, E2E_DATABASE_PATH, E2E_PORT } from "../support/env";
import { formMessage, submit } from "../support/page";

// The suite's server holds E2E_PORT; the next three are this test's two servers and its nginx.
const [PORT_A, PORT_B, PORT_NGINX] = [E2E_PORT + 1, E2E_PORT + 2, E2E_PORT + 3];
const UPDATES = 48;
const CONCURRENCY = 4;
// Server A dies once this many saves have been acknowledged: a quarter into the burst, with saves in flight.
const KILL_AFTER = 12;

// The suite server's environment (secret, limits) on the same database, whichever engine the run uses.
const suiteServer = Array.isArray(config.webServer) ? config.webServer[0] : config.webServer;
const suiteEnv = Object.entries(suiteServer?.env ?? {}).filter(([name]) => name !== "PORT");
const serverEnv = { ...Object.fromEntries(suiteEnv), ...E2E_DATABASE_ENV };

// Started servers are stopped after the test even when it times out, which a finally block cannot promise;
// an abrupt end of the worker kills them outright.
test.afterEach(() => stopAll());
process.on("exit", killAllNow);

type RoomRow = { pmi: string; link: string };
type Change = { field: string; from?: unknown; to?: unknown };
type Outcome = { link: string; outcome: "acknowledged" | "unknown" | string; afterKill: boolean };

async function roomOf(email: string): Promise<RoomRow> {
  const [row] = await queryE2eDb<RoomRow>(
    "select r.pmi, r.link from rooms r join users u on u.id = r.user_id where u.email = ?",
    email,
  );
  if (!row) throw new Error(`no room for ${email}`);
  return row;
}

/** Every personal-link change recorded for the account's room, oldest first. */
async function linkChanges(email: string): Promise<Change[]> {
  const rows = await queryE2eDb<{ changes: string }>(
    "select cast(c.changes as text) as changes from room_changes c join rooms r on r.id = c.room_id " +
      "join users u on u.id = r.user_id where u.email = ? order by c.id",
    email,
  );
  return rows.flatMap((r) => JSON.parse(r.changes) as Change[]).filter((c) => c.field === "link");
}

/**
 * Personal-link saves through nginx, CONCURRENCY at a time, each with a new link (the history records links,
 * so every save can be found in it), as a browser with JavaScript sends them. Server A is killed mid-burst.
 * A save is acknowledged when its answer says "Saved." with its link; a 502 (its server died holding it) or a
 * connection cut mid-answer leaves its outcome unknown; anything else is reported as it came.
 */
async function burst(proxy: string, cookie: string, room: RoomRow, run: string, a: Server): Promise<Outcome[]> {
  const form = await roomForm(proxy, cookie, IDENTITY_LABELS);
  const outcomes: Outcome[] = [];
  let next = 0;
  let acknowledged = 0;
  let killed: Promise<void> | undefined;
  const send = async (link: string): Promise<Outcome["outcome"]> => {
    const save = roomSave(form, proxy, { "Personal Meeting ID": room.pmi, "Personal link": link });
    try {
      const res = await fetch(save.url, { method: "POST", headers: { ...save.headers, cookie }, body: save.body });
      const body = await res.text();
      if (res.status === 200 && body.includes("Saved.") && body.includes(link)) return "acknowledged";
      return res.status === 502 ? "unknown" : `${res.status}: ${body.slice(0, 300)}`;
    } catch {
      return "unknown";
    }
  };
  const worker = async () => {
    while (next < UPDATES) {
      const link = `burst.${run}.${next++}`;
      const afterKill = killed !== undefined;
      const outcome = await send(link);
      outcomes.push({ link, outcome, afterKill });
      if (outcome === "acknowledged" && ++acknowledged === KILL_AFTER) killed = killNow(a.child);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await killed;
  return outcomes;
}

test("two servers behind the shipped nginx on one database: one dies during a burst of saves, nothing acknowledged is lost", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const binary = nginxBinary();
  if (!binary)
    throw new Error("nginx is not installed (apt-get install -y nginx): this test runs the shipped deploy/nginx.conf");
  const account = createAccount();
  const [a, b] = await Promise.all([
    startApp("next start A", E2E_DATABASE_PATH, serverEnv, PORT_A),
    startApp("next start B", E2E_DATABASE_PATH, serverEnv, PORT_B),
  ]);
  // In the test's output folder, so its error log is kept with a failure's other traces.
  const dir = test.info().outputPath("nginx");
  fs.mkdirSync(dir, { recursive: true });
  const nginx = await startNginxUpstream(binary, dir, [a.port, b.port], PORT_NGINX);

  // Signed in through nginx; the session is a row in the database, so its cookie opens /room on either server.
  const context = await browser.newContext({ baseURL: nginx.proxy });
  const page = await context.newPage();
  await signIn(page, account.email, account.password, "/room");
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

  // A change saved through A is what B shows at once.
  const passcode = generatePasscode();
  await page.goto(`${a.origin}/room`);
  await page.getByLabel("Passcode", { exact: true }).fill(passcode);
  await submit(page, /^Save settings/);
  await expect(formMessage(page)).toHaveText("Saved.");
  await page.goto(`${b.origin}/room`);
  await expect(page).toHaveURL(`${b.origin}/room`);
  await expect(page.getByLabel("Passcode", { exact: true })).toHaveValue(passcode);

  const before = await roomOf(account.email);
  const run = Date.now().toString(36);
  const outcomes = await burst(nginx.proxy, cookie, before, run, a);
  const links = (outcome: string) => outcomes.filter((o) => o.outcome === outcome).map((o) => o.link);
  const [acknowledged, unknown] = [links("acknowledged"), links("unknown")];
  expect(outcomes.filter((o) => o.outcome !== "acknowledged" && o.outcome !== "unknown")).toEqual([]);
  expect(a.child.proc.signalCode).toBe("SIGKILL");
  // The site kept saving after A died: nginx sent the rest to B.
  const afterKill = outcomes.filter((o) => o.afterKill && o.outcome === "acknowledged");
  expect(afterKill.length, `outcomes in order: ${JSON.stringify(outcomes)}`).toBeGreaterThan(0);

  const changes = (await linkChanges(account.email)).filter((c) => String(c.to).startsWith(`burst.${run}.`));
  const stored = changes.map((c) => String(c.to));
  // Every acknowledged save is in the database, each save at most once, and nothing that was not sent.
  expect(acknowledged.filter((link) => !stored.includes(link))).toEqual([]);
  expect(stored.filter((link, i) => stored.indexOf(link) !== i)).toEqual([]);
  expect(stored.filter((link) => !acknowledged.includes(link) && !unknown.includes(link))).toEqual([]);
  // Each save started from the one committed before it: no save overwrote another unseen.
  expect(changes.map((c) => c.from)).toEqual([before.link, ...stored.slice(0, -1)]);
  const last = stored.at(-1) ?? before.link;
  expect((await roomOf(account.email)).link).toBe(last);

  // The site still answers through nginx (by B), and the cookie from the sign-in still works there.
  for (let i = 0; i < 4; i++) {
    expect((await fetch(`${nginx.proxy}/`)).status).toBe(200);
    const room = await fetch(`${nginx.proxy}/room`, { headers: { cookie }, redirect: "manual" });
    expect(room.status).toBe(200);
    expect(await room.text()).toContain(last);
  }
  await page.goto(`${nginx.proxy}/room`);
  await expect(page.getByLabel("Personal link")).toHaveValue(last);
  await context.close();
});
