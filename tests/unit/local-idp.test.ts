import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalIdp, type LocalIdp } from "@/scripts/local-idp";
import { codeFlow, CookieJar, endSession, step } from "@/tests/support/idp-flow";

// The local OpenID provider of the demo and the end-to-end tests, spoken to as a relying party would.

const LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
let idp: LocalIdp;
let rp: http.Server;
let rpOrigin = "";
/** Logout tokens the relying party received, by path; /refuse answers 400 like an RP rejecting the token. */
const received: Array<{ path: string; contentType: string; token: string }> = [];

const client = { clientId: "roomdesk-test", clientSecret: "test-secret", redirectUri: "" };
let jwks: ReturnType<typeof createRemoteJWKSet>;
let signingKid = "";

beforeAll(async () => {
  rp = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const token = new URLSearchParams(body).get("logout_token") ?? "";
      received.push({ path: req.url ?? "", contentType: req.headers["content-type"] ?? "", token });
      res.writeHead(req.url === "/refuse" ? 400 : 200).end();
    });
  });
  await new Promise<void>((resolve) => rp.listen(0, "127.0.0.1", resolve));
  rpOrigin = `http://127.0.0.1:${(rp.address() as AddressInfo).port}`;
  client.redirectUri = `${rpOrigin}/api/auth/callback/oidc`;
  idp = await startLocalIdp({
    port: 0,
    controls: true,
    clients: [
      {
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        redirectUris: [client.redirectUri],
        postLogoutRedirectUris: [`${rpOrigin}/`],
        backchannelLogoutUri: `${rpOrigin}/backchannel`,
      },
    ],
  });
  jwks = createRemoteJWKSet(new URL(`${idp.issuer}/jwks`));
  signingKid = (await (await fetch(`${idp.issuer}/jwks`)).json()).keys[0].kid;
});

afterAll(async () => {
  await idp?.stop();
  rp?.close();
});

async function control(path: string, body: unknown) {
  const response = await fetch(`${idp.issuer}/_test/${path}`, { method: "POST", body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const verifyIdToken = (token: string) => jwtVerify(token, jwks, { issuer: idp.issuer, audience: client.clientId });

describe("local OpenID provider", () => {
  it("publishes its issuer, endpoints, back-channel logout support and signing key", async () => {
    expect(idp.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const discovery = await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({
      issuer: idp.issuer,
      end_session_endpoint: `${idp.issuer}/session/end`,
      backchannel_logout_supported: true,
      backchannel_logout_session_supported: true,
      response_types_supported: ["code"],
      code_challenge_methods_supported: ["S256"],
      jwks_uri: `${idp.issuer}/jwks`,
    });
    const keys = (await (await fetch(discovery.jwks_uri)).json()).keys;
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(keys[0]).not.toHaveProperty("d");
  });

  it("signs a login in through the development login with PKCE and puts every claim in the ID token", async () => {
    const flow = await codeFlow(idp.issuer, client, "  Support.Desk ");
    expect(flow.callback.get("state")).toBe(flow.state);
    expect(flow.callback.get("iss")).toBe(idp.issuer);
    const { payload } = await verifyIdToken(flow.idToken);
    expect(payload).toMatchObject({
      sub: "support.desk",
      email: "support.desk@example.edu",
      email_verified: true,
      name: "Support Desk",
      groups: ["roomdesk-support", "staff"],
      nonce: flow.nonce,
    });
    expect(payload.sid).toEqual(expect.any(String));

    const other = await codeFlow(idp.issuer, client, "ada.lovelace");
    expect(decodeJwt(other.idToken)).toMatchObject({ sub: "ada.lovelace", name: "Ada Lovelace", groups: ["staff"] });
  });

  it("refuses an authorization request without PKCE", async () => {
    const url = new URL(`${idp.issuer}/auth`);
    url.search = new URLSearchParams({
      client_id: client.clientId,
      redirect_uri: client.redirectUri,
      response_type: "code",
      scope: "openid",
      state: "s",
      nonce: "n",
    }).toString();
    const answer = await step(new CookieJar(), url.href);
    const location = new URL(answer.headers.get("location") ?? "", idp.issuer);
    expect(location.href.startsWith(client.redirectUri)).toBe(true);
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("code")).toBeNull();
  });

  it("gives a login the claims a test sets, leaving out those set to null", async () => {
    expect((await control("accounts", { login: "Grace", claims: { groups: [], email: null } })).status).toBe(200);
    const { payload } = await verifyIdToken((await codeFlow(idp.issuer, client, "grace")).idToken);
    expect(payload.groups).toEqual([]);
    expect(payload).not.toHaveProperty("email");
    expect(payload.name).toBe("Grace");
  });

  it("spoils only the next ID token of a login, each way as asked", async () => {
    for (const mode of ["issuer", "audience", "nonce", "signature"] as const) {
      expect((await control("tamper", { login: "mallory", mode })).status).toBe(200);
      const flow = await codeFlow(idp.issuer, client, "mallory");
      const payload = decodeJwt(flow.idToken);
      // The real key's kid, so a verifier tries the real key.
      expect(decodeProtectedHeader(flow.idToken)).toMatchObject({ alg: "RS256", kid: signingKid });
      if (mode === "issuer") expect(payload.iss).not.toBe(idp.issuer);
      if (mode === "audience") expect(payload.aud).not.toBe(client.clientId);
      if (mode === "nonce") expect(payload.nonce).not.toBe(flow.nonce);
      if (mode === "signature") {
        expect(payload).toMatchObject({ iss: idp.issuer, aud: client.clientId, nonce: flow.nonce });
        await expect(verifyIdToken(flow.idToken)).rejects.toThrow(/signature verification failed/);
      } else {
        // Re-signed with the provider's key: only the claim check can catch it.
        await expect(jwtVerify(flow.idToken, jwks)).resolves.toBeTruthy();
      }
      const clean = await codeFlow(idp.issuer, client, "mallory");
      await expect(verifyIdToken(clean.idToken)).resolves.toMatchObject({ payload: { nonce: clean.nonce } });
    }
  });

  it("posts its own logout token to the client's back-channel URI when the RP signs someone out", async () => {
    const flow = await codeFlow(idp.issuer, client, "ines");
    const sid = decodeJwt(flow.idToken).sid;
    const sessions = await (await fetch(`${idp.issuer}/_test/sessions?login=ines`)).json();
    expect(sessions).toEqual({ sessions: [{ clientId: client.clientId, sid }] });

    const before = received.length;
    const answer = await endSession(idp.issuer, flow.jar, flow.idToken, `${rpOrigin}/`);
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe(`${rpOrigin}/`);
    const posted = received.slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ path: "/backchannel", contentType: "application/x-www-form-urlencoded" });
    const { payload, protectedHeader } = await jwtVerify(posted[0]!.token, jwks, {
      issuer: idp.issuer,
      audience: client.clientId,
      typ: "logout+jwt",
    });
    expect(payload).toMatchObject({ sub: "ines", sid, events: { [LOGOUT_EVENT]: {} } });
    expect(payload).not.toHaveProperty("nonce");
    expect(protectedHeader.typ).toBe("logout+jwt");
    expect(await (await fetch(`${idp.issuer}/_test/sessions?login=ines`)).json()).toEqual({ sessions: [] });
  });

  it("sends well-formed logout tokens on request, and each forgery differs as named", async () => {
    const flow = await codeFlow(idp.issuer, client, "jo");
    const sid = decodeJwt(flow.idToken).sid;

    const sent = await control("backchannel-logout", { clientId: client.clientId, login: "jo" });
    expect(sent.body).toMatchObject({ status: 200, sid });
    const token = received.at(-1)!.token;
    expect(token).toBe(sent.body.logoutToken);
    const { payload } = await jwtVerify(token, jwks, {
      issuer: idp.issuer,
      audience: client.clientId,
      typ: "logout+jwt",
    });
    expect(payload).toMatchObject({ sub: "jo", sid, events: { [LOGOUT_EVENT]: {} } });
    expect(payload.jti).toEqual(expect.any(String));
    expect(payload).not.toHaveProperty("nonce");

    const bySubject = await control("backchannel-logout", { clientId: client.clientId, login: "jo", sid: null });
    expect(decodeJwt(bySubject.body.logoutToken as string)).not.toHaveProperty("sid");
    const refused = await control("backchannel-logout", {
      clientId: client.clientId,
      login: "jo",
      uri: `${rpOrigin}/refuse`,
    });
    expect(refused.body.status).toBe(400);

    const forged = async (forge: string) => {
      const answer = await control("backchannel-logout", { clientId: client.clientId, login: "jo", forge });
      expect(answer.body.status).toBe(200);
      return answer.body.logoutToken as string;
    };
    await expect(jwtVerify(await forged("signature"), jwks)).rejects.toThrow(/signature verification failed/);
    const wrongIssuer = await jwtVerify(await forged("issuer"), jwks);
    expect(wrongIssuer.payload.iss).not.toBe(idp.issuer);
    const wrongAudience = await jwtVerify(await forged("audience"), jwks);
    expect(wrongAudience.payload.aud).not.toBe(client.clientId);
    expect((await jwtVerify(await forged("nonce"), jwks)).payload.nonce).toEqual(expect.any(String));
    expect((await jwtVerify(await forged("events"), jwks)).payload).not.toHaveProperty("events");
    const stale = decodeJwt(await forged("stale"));
    expect(stale.iat).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) - 600);
    await expect(jwtVerify(await forged("stale"), jwks)).rejects.toThrow(/"exp" claim timestamp check failed/);

    expect((await control("backchannel-logout", { clientId: client.clientId, login: "jo", forge: "x" })).status).toBe(
      400,
    );
  });
});
