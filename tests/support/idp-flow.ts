import { createHash, randomBytes } from "node:crypto";

// A relying party's side of the authorization code flow with PKCE, driven with fetch through the local
// provider's development login form (no browser): for tests of the provider itself.

export type FlowClient = { clientId: string; clientSecret: string; redirectUri: string };

/** Cookies by name, as a browser would keep them for one site (paths are ignored: names here do not clash). */
export class CookieJar {
  private cookies = new Map<string, string>();

  store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const name = pair.slice(0, pair.indexOf("=")).trim();
      const value = pair.slice(pair.indexOf("=") + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split("=")[1] ?? "") < Date.now());
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/** One request without following redirects; cookies go out from the jar and come back into it. */
export async function step(jar: CookieJar, url: string, form?: Record<string, string>): Promise<Response> {
  const response = await fetch(url, {
    method: form ? "POST" : "GET",
    redirect: "manual",
    headers: {
      cookie: jar.header(),
      ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
    body: form ? new URLSearchParams(form) : undefined,
  });
  jar.store(response);
  return response;
}

function formAction(html: string, base: string): string {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form on the page: ${html.slice(0, 200)}`);
  return new URL(action.replace(/&amp;/g, "&"), base).href;
}

export type FlowResult = {
  idToken: string;
  accessToken: string;
  nonce: string;
  state: string;
  /** The authorization response's parameters (code, state, iss). */
  callback: URLSearchParams;
  jar: CookieJar;
};

/**
 * Signs `login` in at the provider as a browser would (authorization request, login form, redirects) with the
 * cookies of `jar`, then redeems the code at the token endpoint with client_secret_basic and the PKCE verifier.
 */
export async function codeFlow(
  issuer: string,
  client: FlowClient,
  login: string,
  jar = new CookieJar(),
): Promise<FlowResult> {
  const verifier = randomBytes(32).toString("base64url");
  const state = randomBytes(16).toString("base64url");
  const nonce = randomBytes(16).toString("base64url");
  const authorize = new URL(`${issuer}/auth`);
  authorize.search = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    response_type: "code",
    scope: "openid profile email",
    state,
    nonce,
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  }).toString();

  let url = authorize.href;
  for (let hops = 0; hops < 10; hops++) {
    if (url.startsWith(client.redirectUri)) break;
    const response = await step(jar, url);
    const location = response.headers.get("location");
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    const html = await response.text();
    if (!html.includes('name="login"')) throw new Error(`expected the login form at ${url}: ${html.slice(0, 300)}`);
    const answer = await step(jar, formAction(html, url), { prompt: "login", login, password: "any password" });
    url = new URL(answer.headers.get("location") ?? "", url).href;
  }
  if (!url.startsWith(client.redirectUri)) throw new Error(`never came back to the client: ${url}`);
  const callback = new URL(url).searchParams;
  const code = callback.get("code");
  if (!code) throw new Error(`no code in ${url}`);

  const token = await fetch(`${issuer}/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: client.redirectUri,
      code_verifier: verifier,
    }),
  });
  const tokens = (await token.json()) as { id_token?: string; access_token?: string; error?: string };
  if (!tokens.id_token || !tokens.access_token) throw new Error(`token endpoint: ${JSON.stringify(tokens)}`);
  return { idToken: tokens.id_token, accessToken: tokens.access_token, nonce, state, callback, jar };
}

/** RP-initiated logout as a browser does it: the end-session request, then "Yes, sign me out". */
export async function endSession(issuer: string, jar: CookieJar, idToken: string, postLogoutRedirectUri: string) {
  const url = new URL(`${issuer}/session/end`);
  url.search = new URLSearchParams({
    id_token_hint: idToken,
    post_logout_redirect_uri: postLogoutRedirectUri,
  }).toString();
  const page = await step(jar, url.href);
  const html = await page.text();
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
  if (!xsrf) throw new Error(`no logout form: ${html.slice(0, 300)}`);
  return step(jar, formAction(html, url.href), { xsrf, logout: "yes" });
}
