// The site's public address (SITE_URL): absolute canonical links and, later, links in mail. Read at build
// for the static help pages and at run time elsewhere. No "server-only": the link checker script reads it too.
export const DEFAULT_SITE_URL = "http://localhost:3000";

export function siteUrl(): URL {
  return new URL(process.env.SITE_URL || DEFAULT_SITE_URL);
}
