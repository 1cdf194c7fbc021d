import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "@/lib/auth.config";

const { auth } = NextAuth(authConfig);

// An optimistic check only: it sends signed-out visitors to /signin. Every page and action still checks
// the session (and the database) itself, because proxy is not on the path of every render or action.
export default auth((req) => {
  const { pathname, search } = req.nextUrl;
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-roomdesk-path", pathname + search);
  if (!req.auth?.user) {
    const url = new URL("/signin", req.nextUrl.origin);
    url.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(url);
  }
  return NextResponse.next({ request: { headers: requestHeaders } });
});

export const config = {
  matcher: ["/room/:path*", "/meetings/:path*", "/account/:path*", "/support/:path*"],
};
