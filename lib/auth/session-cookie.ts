import { decode, type JWT } from "next-auth/jwt";

// next-auth's session cookie names: __Secure- under HTTPS. Long tokens are split into name.0, name.1, ...
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

type Cookie = { name: string; value: string };

// Decrypting a session token (HKDF, AES, HMAC) is the costliest part of a signed-in request, and one page
// reads the session several times. Decoded tokens are kept by their exact value, so a re-issued cookie is
// decoded afresh; entries end at the token's own expiry. Derived data only: losing it costs one decode.
const decoded = new Map<string, { token: JWT; until: number }>();
const MAX_ENTRIES = 1000;

async function decodeOnce(value: string, secret: string, salt: string): Promise<JWT | null> {
  const now = Date.now();
  const hit = decoded.get(`${salt}\u0000${value}`);
  if (hit && hit.until > now) return hit.token;
  const token = await decode({ token: value, secret, salt }).catch(() => null);
  if (token) {
    if (decoded.size >= MAX_ENTRIES) decoded.delete(decoded.keys().next().value!);
    const until = typeof token.exp === "number" ? token.exp * 1000 : now + 60_000;
    decoded.set(`${salt}\u0000${value}`, { token, until });
  }
  return token;
}

/**
 * Decodes the session token from a cookie list without touching the response. Reading the session must
 * never re-issue it: a prefetch that answered after "Sign out" would otherwise put the cookie back.
 */
export async function readSessionToken(cookies: Cookie[], secret: string | undefined): Promise<JWT | null> {
  if (!secret) return null;
  for (const name of SESSION_COOKIES) {
    const whole = cookies.find((c) => c.name === name)?.value;
    const chunks = cookies
      .filter((c) => c.name.startsWith(`${name}.`))
      .sort((a, b) => Number(a.name.split(".").pop()) - Number(b.name.split(".").pop()))
      .map((c) => c.value)
      .join("");
    const value = whole ?? (chunks || undefined);
    if (value) return decodeOnce(value, secret, name);
  }
  return null;
}
