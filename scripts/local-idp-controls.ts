import { randomBytes } from "node:crypto";
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";
import type { KoaContextWithOIDC } from "oidc-provider";
import { normalizeLogin, type ClaimOverrides } from "./local-idp-accounts";
import type { LocalIdpClient } from "./local-idp";

// JSON endpoints under /_test/ that let the end-to-end tests (in other processes) set claims, spoil the next ID
// token, and send back-channel logout tokens, well-formed or forged. Mounted only when asked for: never in the demo.

export type TamperMode = "issuer" | "audience" | "signature" | "nonce";
export type LogoutForgery = "signature" | "issuer" | "audience" | "nonce" | "events" | "stale";

const TAMPER_MODES: readonly string[] = ["issuer", "audience", "signature", "nonce"];
const FORGERIES: readonly string[] = ["signature", "issuer", "audience", "nonce", "events", "stale"];
const LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
const IMPOSTOR_ISSUER = "https://impostor.example.org";
const OTHER_AUDIENCE = "another-client";

type Controls = {
  issuer: string;
  clients: LocalIdpClient[];
  signingKey: CryptoKey;
  kid: string;
  overrides: Map<string, ClaimOverrides>;
  sessionsOf: (accountId: string) => Array<{ clientId: string; sid: string }>;
};

class BadRequest extends Error {}

async function readJson(ctx: KoaContextWithOIDC): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 64 * 1024) throw new BadRequest("body too large");
    chunks.push(chunk);
  }
  const body: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new BadRequest("expected a JSON object");
  return body as Record<string, unknown>;
}

function text(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== "string" || !value) throw new BadRequest(`${field} is required`);
  return value;
}

function choice(body: Record<string, unknown>, field: string, allowed: readonly string[]): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !allowed.includes(value)) throw new BadRequest(`${field}: one of ${allowed}`);
  return value;
}

export async function testControls(controls: Controls) {
  // A key nobody trusts, under the real key's kid, so a verifier picks the real key and the signature fails.
  const foreign = await generateKeyPair("RS256");
  const tampering = new Map<string, TamperMode>();

  async function resign(token: string, mode: TamperMode): Promise<string> {
    const header = decodeProtectedHeader(token);
    const payload: JWTPayload = { ...decodeJwt(token) };
    if (mode === "issuer") payload.iss = IMPOSTOR_ISSUER;
    if (mode === "audience") payload.aud = OTHER_AUDIENCE;
    if (mode === "nonce") payload.nonce = randomBytes(16).toString("base64url");
    const key = mode === "signature" ? foreign.privateKey : controls.signingKey;
    return new SignJWT(payload).setProtectedHeader({ ...header, alg: header.alg ?? "RS256" }).sign(key);
  }

  async function logoutToken(clientId: string, sub: string, sid: string | undefined, forge?: string) {
    const iat = Math.floor(Date.now() / 1000) - (forge === "stale" ? 600 : 0);
    const payload: JWTPayload = {
      iss: forge === "issuer" ? IMPOSTOR_ISSUER : controls.issuer,
      aud: forge === "audience" ? OTHER_AUDIENCE : clientId,
      iat,
      exp: iat + 120,
      jti: randomBytes(16).toString("base64url"),
      sub,
      ...(sid ? { sid } : {}),
      ...(forge === "events" ? {} : { events: { [LOGOUT_EVENT]: {} } }),
      ...(forge === "nonce" ? { nonce: randomBytes(16).toString("base64url") } : {}),
    };
    return new SignJWT(payload)
      .setProtectedHeader({ alg: "RS256", typ: "logout+jwt", kid: controls.kid })
      .sign(forge === "signature" ? foreign.privateKey : controls.signingKey);
  }

  async function sendLogout(body: Record<string, unknown>) {
    const clientId = text(body, "clientId");
    const login = normalizeLogin(text(body, "login"));
    const forge = choice(body, "forge", FORGERIES);
    const client = controls.clients.find((c) => c.clientId === clientId);
    const uri = typeof body.uri === "string" ? body.uri : client?.backchannelLogoutUri;
    if (!uri) throw new BadRequest("no back-channel logout URI for this client: pass uri");
    // No sid given: the latest session of that login at that client; null: a logout of the subject as a whole.
    let sid: string | undefined;
    if (typeof body.sid === "string") sid = body.sid;
    else if (body.sid === undefined) sid = controls.sessionsOf(login).find((s) => s.clientId === clientId)?.sid;
    const token = await logoutToken(clientId, login, sid, forge);
    const response = await fetch(uri, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ logout_token: token }),
      redirect: "manual",
    });
    await response.arrayBuffer();
    return { status: response.status, sid: sid ?? null, logoutToken: token };
  }

  async function route(ctx: KoaContextWithOIDC): Promise<unknown> {
    const action = `${ctx.method} ${ctx.path}`;
    if (action === "GET /_test/sessions") {
      const login = normalizeLogin(String(ctx.query.login ?? ""));
      return { sessions: controls.sessionsOf(login) };
    }
    if (ctx.method !== "POST") throw new BadRequest(`no such control: ${action}`);
    const body = await readJson(ctx);
    switch (ctx.path) {
      case "/_test/accounts": {
        const claims = body.claims;
        if (typeof claims !== "object" || claims === null) throw new BadRequest("claims is required");
        controls.overrides.set(normalizeLogin(text(body, "login")), claims as ClaimOverrides);
        return { ok: true };
      }
      case "/_test/tamper": {
        const mode = choice(body, "mode", TAMPER_MODES);
        if (!mode) throw new BadRequest("mode is required");
        tampering.set(normalizeLogin(text(body, "login")), mode as TamperMode);
        return { ok: true };
      }
      case "/_test/backchannel-logout":
        return sendLogout(body);
      default:
        throw new BadRequest(`no such control: ${action}`);
    }
  }

  return async function controlsMiddleware(ctx: KoaContextWithOIDC, next: () => Promise<unknown>) {
    if (ctx.path.startsWith("/_test/")) {
      try {
        ctx.body = await route(ctx);
      } catch (error) {
        ctx.status = error instanceof BadRequest || error instanceof SyntaxError ? 400 : 500;
        ctx.body = { error: String(error instanceof Error ? error.message : error) };
      }
      return;
    }
    await next();
    const body = ctx.body as { id_token?: unknown } | undefined;
    if (ctx.path !== "/token" || typeof body?.id_token !== "string") return;
    const sub = decodeJwt(body.id_token).sub;
    const mode = sub ? tampering.get(sub) : undefined;
    if (!sub || !mode) return;
    tampering.delete(sub);
    body.id_token = await resign(body.id_token, mode);
  };
}
