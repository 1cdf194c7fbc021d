import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { decodeJwt } from "jose";
import { E2E_BASE_URL, E2E_PORT } from "../support/env";
import {
  E2E_CLIENT_ID,
  E2E_CLIENT_SECRET,
  E2E_IDP_ISSUER,
  E2E_IDP_NAME,
  idpSessions,
  signInWithIdp,
} from "../support/idp";

// The provider the single sign-on tests use, in Chromium over plain http, on its own: a stand-in relying party
// plays Roomdesk's sign-in button and callback, so what is tested here is the provider, its development login and
// signInWithIdp, which drives it.

// The last port the e2e client accepts redirects to, clear of the suite's other servers.
const STAND_IN = `http://127.0.0.1:${E2E_PORT + 20}`;
const CALLBACK = `${STAND_IN}/api/auth/callback/oidc`;
let signInPage = "";
let standInServer: http.Server;

test.beforeAll(async () => {
  standInServer = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", STAND_IN);
    if (url.pathname === "/api/auth/callback/oidc") res.writeHead(302, { location: `/back${url.search}` }).end();
    else if (url.pathname === "/back") res.writeHead(200, { "content-type": "text/html" }).end("<title>Back</title>");
    else res.writeHead(200, { "content-type": "text/html" }).end(signInPage);
  });
  await new Promise<void>((resolve) => standInServer.listen(E2E_PORT + 20, "127.0.0.1", resolve));
});
test.afterAll(() => standInServer?.close());

/** A sign-in page with one button that starts an authorization request, as Roomdesk's does. */
async function standIn(page: Page) {
  const verifier = randomBytes(32).toString("base64url");
  const state = randomBytes(16).toString("base64url");
  const fields = {
    client_id: E2E_CLIENT_ID,
    redirect_uri: CALLBACK,
    response_type: "code",
    scope: "openid profile email",
    state,
    nonce: randomBytes(16).toString("base64url"),
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  };
  const inputs = Object.entries(fields).map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`);
  signInPage = `<!DOCTYPE html><title>Sign in</title><form action="${E2E_IDP_ISSUER}/auth">${inputs.join("")}
    <button>Sign in with ${E2E_IDP_NAME}</button></form>`;
  await page.goto(`${STAND_IN}/signin`);
  return { verifier, state };
}

/** What the client gets for the code it came back with. */
async function redeem(page: Page, verifier: string) {
  const code = new URL(page.url()).searchParams.get("code");
  expect(code).toBeTruthy();
  const response = await fetch(`${E2E_IDP_ISSUER}/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${E2E_CLIENT_ID}:${E2E_CLIENT_SECRET}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: code!,
      redirect_uri: CALLBACK,
      code_verifier: verifier,
    }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id_token: string }).id_token;
}

test("the development login signs in from the button, then the provider remembers the browser", async ({ page }) => {
  const login = `Support.Check-${randomBytes(3).toString("hex")}`;
  const first = await standIn(page);
  await signInWithIdp(page, login);
  await expect(page).toHaveURL((url) => url.href.startsWith(`${STAND_IN}/back?`));
  expect(new URL(page.url()).searchParams.get("state")).toBe(first.state);
  const idToken = decodeJwt(await redeem(page, first.verifier));
  expect(idToken).toMatchObject({
    iss: E2E_IDP_ISSUER,
    sub: login.toLowerCase(),
    groups: ["roomdesk-support", "staff"],
  });

  // Signed in at the provider already: straight back, no login form.
  const second = await standIn(page);
  await signInWithIdp(page, login);
  expect(new URL(page.url()).searchParams.get("state")).toBe(second.state);
  const hint = await redeem(page, second.verifier);
  expect(decodeJwt(hint).sid).toBe(idToken.sid);
  expect(await idpSessions(login)).toEqual([{ clientId: E2E_CLIENT_ID, sid: idToken.sid }]);

  // RP-initiated logout: the provider asks, signs out, and sends the browser back to Roomdesk.
  const end = new URL(`${E2E_IDP_ISSUER}/session/end`);
  end.search = new URLSearchParams({
    id_token_hint: hint,
    post_logout_redirect_uri: `${E2E_BASE_URL}/`,
  }).toString();
  await page.goto(end.href);
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(`${E2E_BASE_URL}/`);
  expect(await idpSessions(login)).toEqual([]);
});
