/** A client address per simulated client: TEST-NET ranges (RFC 5737), only ever sent as a header value. */
export function clientAddress(n: number): string {
  return `198.51.100.${n % 250}, 203.0.113.${Math.floor(n / 250) % 250}`;
}

/** Auth.js's CSRF token and the cookie that goes with it. */
export async function csrf(origin: string): Promise<{ token: string; cookie: string }> {
  const res = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { token: csrfToken, cookie };
}

export function signInBody(token: string, email: string, password: string, origin: string): string {
  return new URLSearchParams({ csrfToken: token, email, password, callbackUrl: `${origin}/room` }).toString();
}

/** The device cookie a successful sign-in sets (lib/auth/device-cookie.ts), ready for a Cookie header. */
function deviceCookieFrom(res: Response): string | undefined {
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith("roomdesk-device="))
    ?.split(";")[0];
}

export type TimedSignIn = { ms: number; device: string | undefined };

/**
 * One correct sign-in as a browser without JavaScript sends it; the time of the credentials POST only. With
 * `device`, the browser carries that device cookie, as one that signed in to the account before does.
 */
export async function timedSignIn(
  origin: string,
  email: string,
  password: string,
  client: string,
  device?: string,
): Promise<TimedSignIn> {
  const { token, cookie } = await csrf(origin);
  const started = performance.now();
  const res = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    body: signInBody(token, email, password, origin),
    headers: {
      cookie: device ? `${cookie}; ${device}` : cookie,
      "content-type": "application/x-www-form-urlencoded",
      "x-forwarded-for": client,
    },
    redirect: "manual",
  });
  await res.arrayBuffer();
  const ms = performance.now() - started;
  if (!res.headers.getSetCookie().some((c) => c.includes("session-token=")))
    throw new Error(`sign-in failed: ${res.status} ${res.headers.get("location")}`);
  return { ms, device: deviceCookieFrom(res) };
}

/** Signs in the way a browser without JavaScript does; returns the session cookie. */
export async function signIn(origin: string, email: string, password: string, client: string): Promise<string> {
  const { token, cookie } = await csrf(origin);
  const res = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    body: signInBody(token, email, password, origin),
    headers: { cookie, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": client },
    redirect: "manual",
  });
  await res.arrayBuffer();
  const session = res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in as ${email} failed: ${res.status} ${res.headers.get("location")}`);
  return session.split(";")[0]!;
}

/** Signs several accounts in, a few at a time (each costs one Argon2 verification). */
export async function signInMany(origin: string, emails: string[], password: string): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < emails.length; i += 4) {
    const chunk = emails.slice(i, i + 4);
    cookies.push(
      ...(await Promise.all(chunk.map((email, j) => signIn(origin, email, password, clientAddress(i + j))))),
    );
  }
  return cookies;
}

/** A valid passcode that differs on every call, so each room update really writes. */
export function passcodeNumber(n: number): string {
  return `Qx${n.toString(36).padStart(6, "0")}`;
}
