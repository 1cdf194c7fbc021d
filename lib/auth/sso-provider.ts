import "server-only";
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import type { SsoSettings } from "./sso";

type Discovery = { issuer: string; jwks_uri: string; authorization_endpoint: string; end_session_endpoint?: string };

// The provider's metadata changes rarely; each process keeps it an hour (it is a copy, never state).
const DISCOVERY_TTL_MS = 60 * 60 * 1000;
let cached: { issuer: string; at: number; discovery: Promise<Discovery> } | undefined;

/** OpenID Connect Discovery 1.0 §4: the issuer, with its trailing slash or without, plus the well-known path. */
function discover(issuer: string): Promise<Discovery> {
  if (cached && cached.issuer === issuer && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.discovery;
  const url = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
  const discovery = fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(5000) })
    .then(async (res) => {
      if (!res.ok) throw new Error(`${url} answered ${res.status}`);
      const body = (await res.json()) as Discovery;
      // §4.3: the issuer in the document must be exactly the one configured.
      if (body.issuer !== issuer) throw new Error(`${url} names the issuer ${body.issuer}, not ${issuer}`);
      return body;
    })
    .catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
  cached = { issuer, at: Date.now(), discovery };
  return discovery;
}

/** True for a URL on the provider's authorization endpoint: the only place /signin/continue may send anyone. */
export async function isAuthorizationUrl(settings: SsoSettings, url: string): Promise<boolean> {
  const discovery = await discover(settings.issuer).catch(() => null);
  if (!discovery) return false;
  try {
    const endpoint = new URL(discovery.authorization_endpoint);
    const target = new URL(url);
    return target.origin === endpoint.origin && target.pathname === endpoint.pathname;
  } catch {
    return false;
  }
}

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
function keysOf(jwksUri: string) {
  let keys = keySets.get(jwksUri);
  if (!keys) keySets.set(jwksUri, (keys = createRemoteJWKSet(new URL(jwksUri))));
  return keys;
}

/**
 * Where to send a browser that signed out of Roomdesk so it also signs out at the provider (RP-Initiated Logout
 * 1.0), or null when the provider offers no end_session_endpoint or cannot be reached.
 */
export async function endSessionUrl(settings: SsoSettings, idToken: string | null, returnTo: string) {
  const discovery = await discover(settings.issuer).catch(() => null);
  if (!discovery?.end_session_endpoint) return null;
  const url = new URL(discovery.end_session_endpoint);
  if (idToken) url.searchParams.set("id_token_hint", idToken);
  url.searchParams.set("client_id", settings.clientId);
  url.searchParams.set("post_logout_redirect_uri", returnTo);
  return url.toString();
}

/**
 * The ID token's signature, by the provider's published keys, with its issuer and audience. next-auth checks
 * iss, aud, nonce and expiry of the token the token endpoint sent, but not its signature (OpenID Connect Core
 * §3.1.3.7 lets a client rely on TLS instead); Roomdesk checks it, so a forged token creates nothing.
 */
export async function verifiedIdToken(
  settings: SsoSettings,
  idToken: string | undefined,
): Promise<Record<string, unknown> | null> {
  if (!idToken) return null;
  try {
    const discovery = await discover(settings.issuer);
    const { payload } = await jwtVerify(idToken, keysOf(discovery.jwks_uri), {
      issuer: settings.issuer,
      audience: settings.clientId,
      clockTolerance: 30,
    });
    return payload;
  } catch {
    return null;
  }
}

const LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
// Back-Channel Logout 1.0 §2.6 asks for a recent iat; the provider sends the token the moment the user leaves.
const LOGOUT_TOKEN_MAX_AGE_SECONDS = 120;

export type LogoutRequest = { sub?: string; sid?: string };

/**
 * Verifies a logout token as OpenID Connect Back-Channel Logout 1.0 §2.6 asks: signature by the provider's
 * keys, issuer, audience, a recent iat, the logout event, no nonce, and a sub or a sid. Throws when any fails.
 */
export async function verifyLogoutToken(settings: SsoSettings, token: string): Promise<LogoutRequest> {
  const discovery = await discover(settings.issuer);
  const { payload } = await jwtVerify<JWTPayload & Record<string, unknown>>(token, keysOf(discovery.jwks_uri), {
    issuer: settings.issuer,
    audience: settings.clientId,
    maxTokenAge: LOGOUT_TOKEN_MAX_AGE_SECONDS,
    clockTolerance: 5,
    requiredClaims: ["iat", "jti"],
  });
  const events = payload.events;
  if (typeof events !== "object" || events === null || !(LOGOUT_EVENT in events))
    throw new Error("not a logout token: no back-channel logout event");
  if ("nonce" in payload) throw new Error("a logout token carries no nonce");
  const sub = typeof payload.sub === "string" ? payload.sub : undefined;
  const sid = typeof payload.sid === "string" ? payload.sid : undefined;
  if (!sub && !sid) throw new Error("a logout token names a sub or a sid");
  return { sub, sid };
}
