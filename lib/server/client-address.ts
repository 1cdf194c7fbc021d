import "server-only";

/**
 * The client's address, for rate limits. `next start` fills X-Forwarded-For from the socket when the request
 * has none; behind a proxy (deploy/nginx.conf) the proxy sets it. The right-most entry is the one added by
 * the hop nearest to us, so a client cannot choose it by sending its own header through a proxy.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .at(-1);
  const address = (last ?? headers.get("x-real-ip") ?? "unknown").slice(0, 64);
  // An IPv4 client of a dual-stack socket shows as ::ffff:192.0.2.1: it is the same client as 192.0.2.1.
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
}
