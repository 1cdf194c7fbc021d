import "server-only";
import { headers } from "next/headers";

/** The site's origin as the visitor sees it (behind a proxy: its forwarded host and scheme), for join links. */
export async function siteOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http";
  return `${proto}://${host}`;
}
