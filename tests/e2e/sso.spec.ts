import { spawn } from "node:child_process";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { killAllNow, stopAll } from "../../bench/harness/processes";
import { startApp } from "../../bench/harness/servers";
import config from "../../playwright.config";
import { createAccount, signIn } from "../support/accounts";
import { queryE2eDb } from "../support/db";
import { E2E_BASE_URL, E2E_DATABASE_ENV, E2E_DATABASE_PATH, E2E_PORT } from "../support/env";
import {
  E2E_IDP_ENV,
  E2E_IDP_ISSUER,
  E2E_IDP_NAME,
  sendLogoutToken,
  setClaims,
  signInWithIdp,
  tamperNext,
} from "../support/idp";
import { formMessage } from "../support/page";

// Single sign-on through the local OpenID provider ("Example University") that scripts/e2e-server.ts starts
// next to the suite's server, configured with OIDC_SUPPORT_GROUPS=roomdesk-support and email linking off.

const suiteServer = Array.isArray(config.webServer) ? config.webServer[0] : config.webServer;
const suiteEnv = Object.fromEntries(Object.entries(suiteServer?.env ?? {}).filter(([name]) => name !== "PORT"));
// Clear of the several-servers test (+1 to +3), the provider (+7) and its own stand-in page (+20).
const LINKING_PORT = E2E_PORT + 4;

test.afterEach(() => stopAll());
process.on("exit", killAllNow);

const newLogin = (prefix = "sso") => `${prefix}.${randomBytes(4).toString("hex")}`;
const emailOf = (login: string) => `${login}@example.edu`;

async function accountsWithEmail(email: string): Promise<number> {
  const [row] = await queryE2eDb<{ n: number }>(
    "select cast(count(*) as integer) as n from users where email = ?",
    email,
  );
  return row!.n;
}

async function ssoSignIn(page: Page, login: string, target = "/room") {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(target)}`);
  await signInWithIdp(page, login);
}

async function freshPage(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

test("the first sign-in with the provider creates the account and its room; the second finds the same account", async ({
  browser,
}) => {
  const login = newLogin();
  await setClaims(login, { name: "Sso Newcomer" });
  const first = await freshPage(browser);
  await ssoSignIn(first.page, login);
  await expect(first.page).toHaveURL(/\/room$/);
  await expect(first.page.getByText("Sso Newcomer").first()).toBeVisible();
  const pmi = await first.page.getByTestId("pmi").textContent();
  expect(await accountsWithEmail(emailOf(login))).toBe(1);

  await first.page.goto("/account");
  await expect(first.page.getByTestId("no-password")).toContainText(`You sign in with ${E2E_IDP_NAME}`);
  await expect(first.page.getByLabel("Current password")).toHaveCount(0);
  await first.context.close();

  const second = await freshPage(browser);
  await ssoSignIn(second.page, login);
  await expect(second.page.getByTestId("pmi")).toHaveText(pmi!);
  expect(await accountsWithEmail(emailOf(login))).toBe(1);
  await second.context.close();
});

test("signing in with the provider works without JavaScript", async ({ browser }) => {
  const login = newLogin();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await ssoSignIn(page, login);
  await expect(page).toHaveURL(/\/room$/);
  await expect(page.getByTestId("pmi")).toBeVisible();
  expect(await accountsWithEmail(emailOf(login))).toBe(1);
  await context.close();
});

test("the provider's groups give the support role and take it away at the next sign-in; the card says how a user signs in", async ({
  browser,
}) => {
  test.slow();
  const login = newLogin("support");
  const staff = await freshPage(browser);
  await ssoSignIn(staff.page, login, "/support");
  await expect(staff.page).toHaveURL(/\/support$/);
  await expect(staff.page.getByRole("heading", { level: 1 })).toBeVisible();

  // The support console shows how the account it finds signs in: this one has no password.
  await staff.page.goto(`/support?find=${encodeURIComponent(emailOf(login))}`);
  await expect(staff.page.getByTestId("found-sign-in")).toHaveText("Single sign-on only (no password here)");
  await staff.context.close();

  await setClaims(login, { groups: ["staff"] });
  const demoted = await freshPage(browser);
  await ssoSignIn(demoted.page, login, "/room");
  const res = await demoted.page.goto("/support");
  expect(res?.status()).toBe(404);
  await demoted.context.close();
});

for (const mode of ["issuer", "audience", "nonce", "signature"] as const) {
  test(`an ID token with a wrong ${mode} is refused with a clear message, and nothing is created`, async ({
    browser,
  }) => {
    const login = newLogin();
    await tamperNext(login, mode);
    const { context, page } = await freshPage(browser);
    await ssoSignIn(page, login);
    await expect(page).toHaveURL(/\/signin\?/);
    await expect(formMessage(page)).toContainText(`Sign-in with ${E2E_IDP_NAME} did not complete`);
    expect(await accountsWithEmail(emailOf(login))).toBe(0);
    expect(await (await context.request.get("/room", { maxRedirects: 0 })).status()).toBe(307);
    await context.close();
  });
}

test("a tampered state on the way back from the provider is refused, and nothing is created", async ({ browser }) => {
  const login = newLogin();
  const { context, page } = await freshPage(browser);
  // The login form's answer is taken over (the redirects after it cannot be routed): its redirects are followed
  // by hand up to the one back to Roomdesk, which is then visited with one character of its state changed.
  let callback = "";
  const held = `${E2E_IDP_ISSUER}/interaction/**`;
  await page.route(held, async (route) => {
    if (route.request().method() !== "POST") return route.fallback();
    let response = await route.fetch({ maxRedirects: 0 });
    for (let hops = 0; hops < 5 && !callback; hops++) {
      const location = response.headers()["location"];
      if (!location) break;
      if (location.includes("/api/auth/callback/oidc")) callback = location;
      else response = await context.request.get(new URL(location, E2E_IDP_ISSUER).href, { maxRedirects: 0 });
    }
    return route.fulfill({ status: 200, contentType: "text/plain", body: "held" });
  });
  await page.goto("/signin?callbackUrl=%2Froom");
  await page.getByRole("button", { name: `Sign in with ${E2E_IDP_NAME}` }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await expect.poll(() => callback).not.toBe("");
  await page.unroute(held);
  const tampered = new URL(callback);
  const state = tampered.searchParams.get("state")!;
  tampered.searchParams.set("state", `${state.slice(0, -1)}${state.endsWith("A") ? "B" : "A"}`);
  await page.goto(tampered.href);
  await expect(formMessage(page)).toContainText(`Sign-in with ${E2E_IDP_NAME} did not complete`);
  expect(await accountsWithEmail(emailOf(login))).toBe(0);
  await context.close();
});

test("an email another account uses is not linked: the page says to contact support", async ({ browser }) => {
  const existing = createAccount({ name: "Password Person" });
  const login = newLogin();
  await setClaims(login, { email: existing.email, email_verified: true });
  const { context, page } = await freshPage(browser);
  await ssoSignIn(page, login);
  await expect(formMessage(page)).toContainText("Contact support");
  expect(await accountsWithEmail(existing.email)).toBe(1);
  const [identities] = await queryE2eDb<{ n: number }>(
    "select cast(count(*) as integer) as n from sso_identities i join users u on u.id = i.user_id where u.email = ?",
    existing.email,
  );
  expect(identities!.n).toBe(0);
  await context.close();
});

test("with OIDC_LINK_BY_EMAIL=on a verified email signs in to the existing account; PASSWORD_SIGNIN=off hides passwords", async ({
  browser,
}) => {
  test.slow();
  const existing = createAccount({ name: "Linked Person" });
  const server = await startApp(
    "linking server",
    E2E_DATABASE_PATH,
    { ...suiteEnv, ...E2E_DATABASE_ENV, ...E2E_IDP_ENV, OIDC_LINK_BY_EMAIL: "on", PASSWORD_SIGNIN: "off" },
    LINKING_PORT,
  );
  // This one by name, where the suite uses the address: both must work.
  const origin = `http://localhost:${server.port}`;
  const { context, page } = await freshPage(browser);
  await page.goto(`${origin}/signin`);
  await expect(page.getByRole("button", { name: `Sign in with ${E2E_IDP_NAME}` })).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveCount(0);

  // Not verified by the provider: still refused, even with linking on.
  const unverified = newLogin();
  await setClaims(unverified, { email: existing.email, email_verified: false });
  await signInWithIdp(page, unverified);
  await expect(formMessage(page)).toContainText("Contact support");

  const login = newLogin();
  await setClaims(login, { email: existing.email, email_verified: true });
  await context.clearCookies();
  await page.goto(`${origin}/signin?callbackUrl=%2Faccount`);
  await signInWithIdp(page, login);
  await expect(page).toHaveURL(`${origin}/account`);
  await expect(page.getByText("Linked Person").first()).toBeVisible();
  expect(await accountsWithEmail(existing.email)).toBe(1);
  await context.close();
});

test("Sign out also ends the session at the provider (RP-initiated logout) and comes back to Roomdesk", async ({
  browser,
}) => {
  const login = newLogin();
  const { context, page } = await freshPage(browser);
  await ssoSignIn(page, login);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(`${E2E_BASE_URL}/`);
  expect(await (await context.request.get("/room", { maxRedirects: 0 })).status()).toBe(307);
  // Signed out at the provider too: the next sign-in asks for the login again.
  await page.goto("/signin");
  await page.getByRole("button", { name: `Sign in with ${E2E_IDP_NAME}` }).click();
  await expect(page.locator('input[name="login"]')).toBeVisible();
  await context.close();
});

test("a back-channel logout from the provider ends the session open in another browser; forged tokens end nothing", async ({
  browser,
}) => {
  const login = newLogin();
  const { context, page } = await freshPage(browser);
  await ssoSignIn(page, login);
  await expect(page).toHaveURL(/\/room$/);

  for (const forge of ["signature", "issuer", "audience", "nonce", "events", "stale"] as const) {
    expect((await sendLogoutToken({ login, forge })).status, forge).toBe(400);
  }
  await page.reload();
  await expect(page).toHaveURL(/\/room$/);

  expect((await sendLogoutToken({ login })).status).toBe(200);
  await page.reload();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Froom$/);
  await context.close();
});

test("a password account signs in as before next to the provider's button", async ({ page }) => {
  const account = createAccount();
  await page.goto("/signin");
  await expect(page.getByRole("button", { name: `Sign in with ${E2E_IDP_NAME}` })).toBeVisible();
  await signIn(page, account.email, account.password);
  await page.goto("/account");
  await expect(page.getByLabel("Current password")).toBeVisible();
});

test("settings that cannot work stop npm start with a message naming the variable", async () => {
  const start = (env: Record<string, string>) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(path.join("node_modules", ".bin", "next"), ["start", "-p", String(E2E_PORT + 5)], {
        env: { ...process.env, ...suiteEnv, ...E2E_DATABASE_ENV, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
      const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
      child.on("exit", (code) => {
        clearTimeout(timer);
        resolve({ code, output });
      });
    });
  const noClient = await start({ OIDC_ISSUER: "https://idp.example.edu", OIDC_CLIENT_SECRET: "s" });
  expect(noClient.code).not.toBe(0);
  expect(noClient.output).toContain("OIDC_CLIENT_ID is required");
  const nobody = await start({ PASSWORD_SIGNIN: "off" });
  expect(nobody.code).not.toBe(0);
  expect(nobody.output).toContain("PASSWORD_SIGNIN=off needs single sign-on");
});
