import { siteUrl } from "@/lib/server/site-url";

/** A help page's canonical address: absolute, on the site's public origin (SITE_URL). */
export const canonicalUrl = (path: string) => new URL(path, siteUrl()).toString();
