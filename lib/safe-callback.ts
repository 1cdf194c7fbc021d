/** Only same-site paths may be a return address after sign-in (no `//host`, no `/\host`, no scheme). */
export function safeCallbackUrl(value: unknown, fallback = "/room"): string {
  if (typeof value !== "string" || value.length > 2000) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\\]/.test(value)) return fallback;
  if (value.startsWith("/signin") || value.startsWith("/api/")) return fallback;
  return value;
}
