import "server-only";
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser that signed in to
 * an account carries a signed entry for it, and is then judged by its own failures instead of the per-account
 * limit that strangers can exhaust. One cookie holds the entries of the last few accounts used in the browser.
 * An entry is `<account tag>.<nonce>.<signature>`; the tag is a keyed digest, so the cookie does not show the email.
 */
export const DEVICE_COOKIE = "roomdesk-device";
// Under HTTPS the __Host- prefix makes the browser refuse the cookie unless it is Secure, host-only and for "/".
export const SECURE_DEVICE_COOKIE = "__Host-roomdesk-device";
export const DEVICE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;
const MAX_ACCOUNTS = 5;

const keys = new Map<string, Buffer>();

/** A key of its own, derived from AUTH_SECRET, so a device entry can never pass for anything else signed with it. */
function keyFor(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = Buffer.from(hkdfSync("sha256", secret, "", "roomdesk device cookie", 32))));
  return key;
}

const mac = (key: Buffer, text: string) => createHmac("sha256", key).update(text).digest("base64url");

const accountTag = (key: Buffer, email: string) => mac(key, `account\u0000${email.trim().toLowerCase()}`).slice(0, 22);

type Entry = { tag: string; nonce: string };

const signed = (key: Buffer, { tag, nonce }: Entry) => `${tag}.${nonce}.${mac(key, `device\u0000${tag}.${nonce}`)}`;

/** The entries whose signature checks out; anything else in the cookie is ignored. */
function validEntries(value: string | undefined, key: Buffer): Entry[] {
  const entries: Entry[] = [];
  for (const part of (value ?? "").slice(0, 4096).split("~")) {
    const [tag, nonce, sig, ...rest] = part.split(".");
    if (!tag || !nonce || !sig || rest.length > 0) continue;
    const expected = Buffer.from(mac(key, `device\u0000${tag}.${nonce}`));
    const given = Buffer.from(sig);
    if (given.length === expected.length && timingSafeEqual(given, expected)) entries.push({ tag, nonce });
  }
  return entries;
}

/** This browser's device id for the account (stable until its next successful sign-in), or null without one. */
export function deviceFor(value: string | undefined, email: string, secret: string): string | null {
  const key = keyFor(secret);
  const tag = accountTag(key, email);
  const entry = validEntries(value, key).find((e) => e.tag === tag);
  return entry ? `${entry.tag}.${entry.nonce}` : null;
}

/** The cookie value after a successful sign-in: a new entry for this account first, then the others it had. */
export function withDevice(value: string | undefined, email: string, secret: string): string {
  const key = keyFor(secret);
  const tag = accountTag(key, email);
  const fresh: Entry = { tag, nonce: randomBytes(16).toString("base64url") };
  const others = validEntries(value, key).filter((e) => e.tag !== tag);
  return [fresh, ...others]
    .slice(0, MAX_ACCOUNTS)
    .map((e) => signed(key, e))
    .join("~");
}
