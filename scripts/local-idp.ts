import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import type { Configuration, KoaContextWithOIDC } from "oidc-provider";
import { accountClaims, normalizeLogin, type ClaimOverrides } from "./local-idp-accounts";
import { testControls } from "./local-idp-controls";
import { logoutPage, errorPage, signedOutPage } from "./local-idp-pages";
import { memoryStore } from "./local-idp-store";

// A local OpenID provider ("Example University") for the demo and the end-to-end tests: oidc-provider (OpenID
// Certified) with its development login screen, where any login name and any password sign in. Never for real use.

export type LocalIdpClient = {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri?: string;
};

export type LocalIdpOptions = {
  /** 0 for any free port. */
  port: number;
  host?: string;
  name?: string;
  clients: LocalIdpClient[];
  /** The /_test/ endpoints (claims, tampered tokens, logout tokens): for the end-to-end tests, never the demo. */
  controls?: boolean;
};

export type LocalIdp = { issuer: string; stop(): Promise<void> };

const HOUR = 60 * 60;

/** oidc-provider's warnings about its development-only parts (and about Node 20), which are what we chose here. */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const { warn, info } = console;
  const keep =
    (log: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (!String(args[0]).includes("oidc-provider ")) log(...args);
    };
  console.warn = keep(warn);
  console.info = keep(info);
  try {
    return await run();
  } finally {
    console.warn = warn;
    console.info = info;
  }
}

async function createProvider(issuer: string, options: LocalIdpOptions) {
  const name = options.name ?? "Example University";
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = randomBytes(8).toString("base64url");
  const signingJwk = { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" };
  const store = memoryStore();
  const overrides = new Map<string, ClaimOverrides>();

  const configuration: Configuration = {
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      client_name: "Roomdesk",
      redirect_uris: client.redirectUris,
      post_logout_redirect_uris: client.postLogoutRedirectUris,
      response_types: ["code"],
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: "client_secret_basic",
      ...(client.backchannelLogoutUri
        ? { backchannel_logout_uri: client.backchannelLogoutUri, backchannel_logout_session_required: true }
        : {}),
    })),
    jwks: { keys: [signingJwk] },
    adapter: store.adapter,
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    responseTypes: ["code"],
    pkce: { required: () => true },
    scopes: ["openid"],
    // groups rides with openid so that Roomdesk's default request (openid profile email) carries it.
    claims: {
      openid: ["sub", "groups"],
      email: ["email", "email_verified"],
      profile: ["name", "given_name", "family_name"],
      groups: ["groups"],
    },
    // Every granted claim goes into the ID token, which is where next-auth reads the profile from.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => logoutPage(ctx, form, name),
        postLogoutSuccessSource: async (ctx) => signedOutPage(ctx, name),
      },
      backchannelLogout: { enabled: true },
      revocation: { enabled: false },
    },
    findAccount: async (_ctx, sub) => {
      if (!sub) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...accountClaims(sub, overrides.get(sub)) }) };
    },
    // The clients are the university's own services: they get what they ask for, with no consent screen.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session, result, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      const existing = grantId ? await provider.Grant.find(grantId) : undefined;
      if (existing) return existing;
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope("openid email profile groups");
      await grant.save();
      return grant;
    },
    renderError: async (ctx, out) => errorPage(ctx, out, name),
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: HOUR,
      AuthorizationCode: 60,
      IdToken: HOUR,
      Interaction: HOUR,
      Session: 8 * HOUR,
      Grant: 8 * HOUR,
    },
    clientAuthMethods: ["client_secret_basic", "client_secret_post"],
    // The relying parties here are on the loopback address, which the default fetch refuses (SSRF guard).
    fetch: (url, init) => {
      const unguarded: RequestInit & { dispatcher?: unknown } = { ...init };
      delete unguarded.dispatcher;
      return fetch(url, unguarded);
    },
  };

  const provider = await quietly(async () => {
    const { default: Provider } = await import("oidc-provider");
    return new Provider(issuer, configuration);
  });

  // The development login takes the name as typed; one person is one subject whatever the case and spaces.
  const finish = provider.interactionFinished.bind(provider);
  provider.interactionFinished = (req, res, result, finishOptions) => {
    const login = result.login ? { ...result.login, accountId: normalizeLogin(result.login.accountId) } : undefined;
    return finish(req, res, login ? { ...result, login } : result, finishOptions);
  };

  if (options.controls) {
    provider.use(
      await testControls({
        issuer,
        clients: options.clients,
        signingKey: privateKey,
        kid,
        overrides,
        sessionsOf: store.sessionsOf,
      }),
    );
  }
  // Errors answered to a client (a bad request, a spent code) stay quiet; the provider's own failures are printed.
  provider.silent = true;
  provider.on("server_error", (_ctx, error) => console.error(`local OpenID provider: ${error}`));
  return provider;
}

export async function startLocalIdp(options: LocalIdpOptions): Promise<LocalIdp> {
  const host = options.host ?? "127.0.0.1";
  // Listening first lets port 0 pick a free port, which the issuer then names.
  let handle: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;
  try {
    handle = (await createProvider(issuer, options)).callback();
  } catch (error) {
    await stop();
    throw error;
  }
  return { issuer, stop };
}
