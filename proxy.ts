import { NextResponse, type NextRequest } from "next/server";
import { readSessionToken } from "@/lib/session-cookie";

// An optimistic check only: it sends signed-out visitors to /signin. Every page and action still checks
// the session against the database itself. It only reads the cookie and never sets one.
export default async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
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
  matcher: ["/room/:path*", "/meetings/:path*", "/account/:path*", "/support/:path*"],
};
