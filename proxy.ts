import { NextResponse, type NextRequest } from "next/server";
import { bodyTooLarge, decodedPath, TOO_LARGE } from "@/lib/server/request-limits";
import { readSessionToken } from "@/lib/auth/session-cookie";

const OWNER_PAGES = /^\/(room|meetings|account|support)(\/|$)/;

function refuse(status: 400 | 413, text: string): NextResponse {
  return new NextResponse(text, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/**
 * Runs for the owner pages, for any path with a percent escape, and for any chunked body (see the matcher),
 * so that reading a help page never pays for it. A declared Content-Length needs no reading: next.config.mjs
 * sends one over the cap to /api/too-large, and Node never delivers more than a request declared.
 */
export default async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const path = decodedPath(pathname);
  if (path === null) return refuse(400, "This address is not valid.");
  if (req.method !== "GET" && req.method !== "HEAD" && (await bodyTooLarge(req))) return refuse(413, TOO_LARGE);
  if (!OWNER_PAGES.test(path)) return;

  // An optimistic check only: it sends signed-out visitors to /signin. Every page and action still checks
  // the session against the database itself. It only reads the cookie and never sets one.
  const token = await readSessionToken(req.cookies.getAll(), process.env.AUTH_SECRET);
  if (!token?.uid) {
    const url = new URL("/signin", req.nextUrl.origin);
    url.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(url);
  }
  const headers = new Headers(req.headers);
  headers.set("x-roomdesk-path", pathname + search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: [
    {
      // The owner pages, for the redirect; and any escaped path, which may not decode.
      source: "/((?:room|meetings|account|support)(?:/.*)?|.*%.*)",
      missing: [
        // Here Next would read a whole body before answering, so a declared Content-Length over the cap goes
        // straight to /api/too-large instead. Next reads this config as a literal, hence this copy of
        // OVER_MAX_BODY_LENGTH (lib/server/http-policy.mjs); a unit test keeps the two equal.
        {
          type: "header",
          key: "content-length",
          value: "0*(?:[1-9]\\d{5,}|[7-9]\\d{4}|6[6-9]\\d{3}|65[6-9]\\d{2}|655[4-9]\\d|6553[7-9])",
        },
        // A server action answers a signed-out caller itself (a redirect cannot help a fetch): skipping the
        // proxy saves each save about a tenth of its CPU. A chunked body still meets the matcher below.
        { type: "header", key: "next-action" },
      ],
    },
    // A chunked body anywhere (Node refuses one that also declares a length); static assets take no bodies.
    { source: "/((?!_next/static|_next/image|favicon\\.ico).*)", has: [{ type: "header", key: "transfer-encoding" }] },
  ],
};
