import fs from "node:fs";
import path from "node:path";

/** A client address per simulated client: TEST-NET ranges (RFC 5737), only ever sent as a header value. */
export function clientAddress(n: number): string {
  return `198.51.100.${n % 250}, 203.0.113.${Math.floor(n / 250) % 250}`;
}

/** Auth.js's CSRF token and the cookie that goes with it. */
export async function csrf(origin: string): Promise<{ token: string; cookie: string }> {
  const res = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return { token: csrfToken, cookie };
}

export function signInBody(token: string, email: string, password: string, origin: string): string {
  return new URLSearchParams({ csrfToken: token, email, password, callbackUrl: `${origin}/room` }).toString();
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
    cookies.push(...(await Promise.all(chunk.map((email, j) => signIn(origin, email, password, clientAddress(i + j))))));
  }
  return cookies;
}

/** A server action's id, from the build's manifest (it changes with every build). */
export function actionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === exportedName);
  if (!found) throw new Error(`server action ${exportedName} in ${file} is not in this build`);
  return found[0];
}

export const BOUNDARY = "----RoomdeskBenchBoundary7MA4YWxkTrZu0gW";

/**
 * The body React sends for a form dispatched through useActionState (captured from Chromium): fields
 * prefixed `_1_`, and `0` carrying the previous state and a reference to that form data.
 */
export function actionBody(fields: Record<string, string>): string {
  const pairs: Array<[string, string]> = [...Object.entries(fields).map(([k, v]): [string, string] => [`_1_${k}`, v]), ["0", '[{},"$K1"]']];
  const parts = pairs.map(([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  return `${parts.join("")}--${BOUNDARY}--\r\n`;
}

/** A valid passcode that differs on every call, so each room update really writes. */
export function passcodeNumber(n: number): string {
  return `Qx${n.toString(36).padStart(6, "0")}`;
}
