/**
 * Only same-site paths may be a return address after sign-in (no `//host`, no `/\host`, no scheme). Only
 * printable ASCII, as a browser sends a path: the address ends up in a Location header, where anything outside
 * Latin-1 makes the response fail after the session cookie was set, and look-alikes such as a full-width
 * solidus or U+2028 have no business in a path of ours.
 */
export function safeCallbackUrl(value: unknown, fallback = "/room"): string {
  if (typeof value !== "string" || value.length > 2000) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (/[^\x21-\x7e]|\\/.test(value)) return fallback;
  if (value.startsWith("/signin") || value.startsWith("/api/")) return fallback;
  return value;
}
