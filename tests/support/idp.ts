import type { Page } from "@playwright/test";
import type { ClaimOverrides } from "@/scripts/local-idp-accounts";
import type { LogoutForgery, TamperMode } from "@/scripts/local-idp-controls";
import type { LocalIdp } from "@/scripts/local-idp";
import { E2E_PORT } from "./env";

// The local OpenID provider of the end-to-end tests ("Example University"), started next to the server under test
// (scripts/e2e-server.ts), and what the tests do with it from their own processes: set claims, spoil the next
// ID token, send logout tokens, sign in through its development login.

export const E2E_IDP_PORT = E2E_PORT + 7;
export const E2E_IDP_ISSUER = `http://127.0.0.1:${E2E_IDP_PORT}`;
export const E2E_IDP_NAME = "Example University";
export const E2E_CLIENT_ID = "roomdesk-e2e";
export const E2E_CLIENT_SECRET = "e2e-only-client-secret-0123456789abcdef";
export const E2E_SUPPORT_GROUP = "roomdesk-support";

/** Roomdesk's settings for this provider: spread into a test server's environment. */
export const E2E_IDP_ENV: Record<string, string> = {
  OIDC_ISSUER: E2E_IDP_ISSUER,
  OIDC_CLIENT_ID: E2E_CLIENT_ID,
  OIDC_CLIENT_SECRET: E2E_CLIENT_SECRET,
  OIDC_NAME: E2E_IDP_NAME,
  OIDC_SUPPORT_GROUPS: E2E_SUPPORT_GROUP,
};

/**
 * Starts the provider with its test controls. The client accepts the suite's server and any other test server on
 * the ports above it; back-channel logouts go to the suite's server unless a test names another target.
 */
export async function startE2eIdp(): Promise<LocalIdp> {
  const { startLocalIdp } = await import("@/scripts/local-idp");
  const origins = Array.from({ length: 21 }, (_, i) => E2E_PORT + i).flatMap((port) => [
    `http://127.0.0.1:${port}`,
    `http://localhost:${port}`,
  ]);
  return startLocalIdp({
    port: E2E_IDP_PORT,
    name: E2E_IDP_NAME,
    controls: true,
    clients: [
      {
        clientId: E2E_CLIENT_ID,
        clientSecret: E2E_CLIENT_SECRET,
        redirectUris: origins.map((origin) => `${origin}/api/auth/callback/oidc`),
        postLogoutRedirectUris: origins.flatMap((origin) => [`${origin}/`, `${origin}/signin`]),
        backchannelLogoutUri: `http://127.0.0.1:${E2E_PORT}/api/auth/backchannel-logout`,
      },
    ],
  });
}

async function control<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${E2E_IDP_ISSUER}/_test/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`local OpenID provider /_test/${path}: ${answer.error ?? response.status}`);
  return answer;
}

/** Claims for a login from its next sign-in on (null leaves a claim out); the rest stay as the login implies. */
export async function setClaims(login: string, claims: ClaimOverrides): Promise<void> {
  await control("accounts", { login, claims });
}

/** Spoils the next ID token issued for this login: wrong iss, aud or nonce (re-signed), or a foreign signature. */
export async function tamperNext(login: string, mode: TamperMode): Promise<void> {
  await control("tamper", { login, mode });
}

/** The provider's open sessions of a login, latest first: the sid each client's tokens carry. */
export async function idpSessions(login: string): Promise<Array<{ clientId: string; sid: string }>> {
  return (
    await control<{ sessions: Array<{ clientId: string; sid: string }> }>(`sessions?login=${encodeURIComponent(login)}`)
  ).sessions;
}

export type LogoutTokenRequest = {
  login: string;
  clientId?: string;
  /** Omitted: the login's latest session at the client; null: no sid, a logout of every session of the subject. */
  sid?: string | null;
  forge?: LogoutForgery;
  /** Where to post it, when not the suite's server. */
  uri?: string;
};

/** Has the provider post a logout token (OpenID Back-Channel Logout 1.0) to the client; the RP's HTTP status. */
export async function sendLogoutToken(
  request: LogoutTokenRequest,
): Promise<{ status: number; sid: string | null; logoutToken: string }> {
  return control("backchannel-logout", { clientId: E2E_CLIENT_ID, ...request });
}

/**
 * On Roomdesk's sign-in page: "Sign in with Example University", then the provider's development login (any
 * password), and its consent screen should one appear; resolves back on Roomdesk, wherever it lands.
 */
export async function signInWithIdp(page: Page, login: string): Promise<void> {
  const idp = new URL(E2E_IDP_ISSUER).origin;
  const start = page.url();
  await page.getByRole("button", { name: /^Sign in with / }).click();
  // Through next-auth's redirect (without JavaScript, through /signin/continue): to the provider's login, or
  // straight back when the provider remembers us.
  await page.waitForURL(
    (url) => url.href !== start && !url.pathname.startsWith("/api/auth/") && url.pathname !== "/signin/continue",
  );
  if (new URL(page.url()).origin !== idp) return;

  const loginField = page.locator('input[name="login"]');
  if (await loginField.isVisible()) {
    const loginPage = page.url();
    await loginField.fill(login);
    await page.locator('input[name="password"]').fill("any password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.waitForURL((url) => url.href !== loginPage);
  }
  if (new URL(page.url()).origin === idp) await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.origin !== idp && !url.pathname.startsWith("/api/auth/"));
}
