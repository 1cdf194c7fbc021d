import { decode, type JWT } from "next-auth/jwt";

// next-auth's session cookie names: __Secure- under HTTPS. Long tokens are split into name.0, name.1, ...
export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

type Cookie = { name: string; value: string };

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
    if (value) return decode({ token: value, secret, salt: name }).catch(() => null);
  }
  return null;
}
