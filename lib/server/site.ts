import "server-only";
import { headers } from "next/headers";

/** The host the visitor asked for: the proxy's forwarded host, else the Host header. */
export function requestHost(h: Headers): string | null {
  return h.get("x-forwarded-host") ?? h.get("host");
}

/** The site's origin as the visitor sees it (behind a proxy: its forwarded host and scheme), for join links. */
export async function siteOrigin(): Promise<string> {
  const h = await headers();
  const host = requestHost(h) ?? "localhost";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http";
  return `${proto}://${host}`;
}
