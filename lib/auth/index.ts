import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { notFound, redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { requestHost, siteOrigin } from "@/lib/server/site";
import { requestOrigin } from "@/lib/server/request-origin";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { readSessionToken } from "@/lib/auth/session-cookie";
import { db } from "@/db";
import type { User } from "@/db/schema";
import { SESSION_MAX_AGE_SECONDS, authConfig } from "@/lib/auth/config";
import { clientAddress } from "@/lib/server/client-address";
import {
  DEVICE_COOKIE,
  DEVICE_COOKIE_MAX_AGE,
  SECURE_DEVICE_COOKIE,
  deviceFor,
  withDevice,
} from "@/lib/auth/device-cookie";
import { authSecret, env } from "@/lib/server/env";
import { BUSY_RETRY_MS, VerifyUnavailable, verifyPassword } from "@/lib/auth/password";
import { release, reserve, resetCounter } from "@/lib/server/rate-limit";
import { endSession, sessionOwner, sessionUser, startSession } from "@/lib/auth/sessions";
import { signInCounters } from "@/lib/auth/sign-in-limits";
import { userByEmail } from "@/lib/auth/users";
import { decodeJwt } from "jose";
import { isAuthorizationUrl, verifiedIdToken } from "@/lib/auth/sso-provider";
import { accountForSso, passwordSignIn, signInMethods, ssoSettings, type SsoSettings } from "@/lib/auth/sso";
import { signInSchema, type Role } from "@/lib/validation/account";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}

export class SignInLimited extends CredentialsSignin {
  code = "limited";
  constructor(public retryAfterMs: number) {
    super("Too many failed sign-ins");
  }
}

const limits = () => ({ idleMs: env().SESSION_IDLE_SECONDS * 1000, maxAgeMs: SESSION_MAX_AGE_SECONDS * 1000 });

/** The device cookie this browser sent (either name: the site may have moved between HTTP and HTTPS). */
export async function deviceCookie(): Promise<string | undefined> {
  const jar = await cookies();
  return jar.get(SECURE_DEVICE_COOKIE)?.value ?? jar.get(DEVICE_COOKIE)?.value;
}

/** After a successful sign-in the browser gets a fresh entry for the account, Secure exactly when the session is. */
async function rememberDevice(email: string, secure: boolean) {
  const value = withDevice(await deviceCookie(), email, authSecret());
  (await cookies()).set(secure ? SECURE_DEVICE_COOKIE : DEVICE_COOKIE, value, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: DEVICE_COOKIE_MAX_AGE,
  });
}

/**
 * next-auth's generic OpenID Connect provider, with every check on: PKCE, state and nonce. next-auth verifies
 * the ID token's signature, issuer, audience and nonce; the callbacks below turn its claims into an account.
 */
function ssoProvider(settings: SsoSettings): Provider {
  return {
    id: "oidc",
    name: settings.name,
    type: "oidc",
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    checks: ["pkce", "state", "nonce"],
    // Many providers put email, name and groups in the userinfo answer only, not in the ID token; next-auth
    // then asks userinfo for the profile (checking its sub against the ID token's) and the callbacks below
    // add the ID token's own claims (sid, and groups where only the token carries them).
    idToken: false,
    authorization: { params: { scope: "openid email profile" } },
    profile: (claims) => ({ id: String(claims.sub), name: claims.name, email: claims.email }),
  };
}

/** The provider's session id in an ID token the signIn callback has verified. */
function idTokenSid(idToken: string | undefined): string | undefined {
  const sid = idToken ? decodeJwt(idToken).sid : undefined;
  return typeof sid === "string" ? sid : undefined;
}

const passwordProvider = () =>
  Credentials({
    credentials: { email: {}, password: {} },
    async authorize(credentials, request) {
      const parsed = signInSchema.safeParse(credentials);
      if (!parsed.success) throw new InvalidCredentials();
      const { email, password } = parsed.data;
      const device = deviceFor(await deviceCookie(), email, authSecret());
      const counters = signInCounters(email, clientAddress(request.headers), device);
      // Past a limit, refuse before checking the password: a right guess must not be confirmed either. The
      // attempt is counted before the check (so a burst cannot overshoot) and given back when it succeeds.
      const attempt = await reserve(db(), counters);
      if (attempt.wait > 0) throw new SignInLimited(attempt.wait);
      const user = await userByEmail(db(), email);
      const ok = await verifyPassword(user?.passwordHash, password, device ? "known" : "unknown").catch(
        async (error) => {
          // The verification did not run: "try again later", never a "wrong password" for a right one.
          if (!(error instanceof VerifyUnavailable)) throw error;
          await release(db(), attempt);
          throw new SignInLimited(BUSY_RETRY_MS);
        },
      );
      if (!user || !ok) throw new InvalidCredentials();
      await release(db(), attempt);
      await resetCounter(db(), counters[0]!);
      // next-auth builds this URL with the same protocol it uses to choose a Secure session cookie.
      await rememberDevice(email, new URL(request.url).protocol === "https:");
      return { id: String(user.id), name: user.name, email: user.email, role: user.role, newBrowser: !device };
    },
  });

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth(() => {
  const sso = ssoSettings();
  return {
    ...authConfig,
    secret: authSecret(),
    providers: [...(passwordSignIn() ? [passwordProvider()] : []), ...(sso ? [ssoProvider(sso)] : [])],
    callbacks: {
      ...authConfig.callbacks,
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return true;
        if (!sso || !profile) return "/signin?error=sso-unavailable";
        const idClaims = await verifiedIdToken(sso, account.id_token);
        if (!idClaims) return "/signin?error=sso-unverified";
        const outcome = await accountForSso(db(), { ...idClaims, ...profile }, sso);
        if (!outcome.ok) return `/signin?error=sso-${outcome.reason}`;
        // The session is for Roomdesk's account: the jwt callback below reads these. A browser new to an account
        // that existed before is news for its owner; one that creates the account is not.
        const known = deviceFor(await deviceCookie(), outcome.user.email, authSecret()) !== null;
        Object.assign(user, {
          id: String(outcome.user.id),
          role: outcome.user.role,
          email: outcome.user.email,
          newBrowser: !known && !outcome.created,
        });
        user.name = outcome.user.name;
        await rememberDevice(outcome.user.email, (await siteOrigin()).startsWith("https:"));
        return true;
      },
      async jwt(params) {
        const token = await authConfig.callbacks.jwt(params);
        if (params.trigger === "signIn") {
          const fromSso =
            params.account?.provider === "oidc"
              ? {
                  idpSid: idTokenSid(params.account.id_token),
                  idToken: params.account.id_token,
                }
              : undefined;
          const newBrowser = params.user?.newBrowser ? await requestOrigin() : undefined;
          token.sid = await startSession(db(), Number(token.uid), limits(), new Date(), fromSso, newBrowser);
        } else if (params.trigger === "update") {
          // The browser that ended every session moves onto the fresh one its action made, if it is really its own.
          const sid: unknown = params.session?.sid;
          if (typeof sid === "string" && (await sessionOwner(db(), sid)) === Number(token.uid)) token.sid = sid;
        } else if (!token.sid || (await sessionOwner(db(), token.sid)) === null) {
          return null; // GET /api/auth/session with an ended session: next-auth clears the cookie
        }
        return token;
      },
    },
    events: {
      async signOut(message) {
        if ("token" in message && message.token?.sid) await endSession(db(), message.token.sid);
      },
    },
  };
});

/**
 * The session token from the cookie jar. Read through cookies() rather than auth(): after an action
 * moves this browser onto a fresh session (sign out of every device), the page rendered in the same response
 * must see the new token, and only cookies() reflects it; auth() reads the request headers as they arrived.
 */
async function sessionToken() {
  return readSessionToken((await cookies()).getAll(), authSecret());
}

// One database read per session per request, however many times a page asks.
const liveSession = cache((sid: string): Promise<User | null> => sessionUser(db(), sid, limits()));

/** The signed-in user, re-read from the database; null when signed out or when the session has ended. */
export async function currentUser(): Promise<User | null> {
  const token = await sessionToken();
  return typeof token?.sid === "string" ? liveSession(token.sid) : null;
}

async function currentPath(): Promise<string> {
  const h = await headers();
  return h.get("x-roomdesk-path") ?? "/";
}

/** Every protected page, query and action calls this itself; a layout alone protects nothing. */
export async function requireUser(): Promise<User> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(await currentPath())}`);
  return user;
}

/** Re-reads the role from the database, so a demoted account loses access at once. Others get a 404. */
export async function requireRole(role: Role): Promise<User> {
  const user = await requireUser();
  if (user.role !== role) notFound();
  return user;
}

/** What the sign-in page offers: the identity provider's button (by its name) and the password form. */
export function signInOptions(): { ssoName: string | null; password: boolean } {
  return { ssoName: ssoSettings()?.name ?? null, password: passwordSignIn() };
}

/** How an account signs in (password, the identity provider, or both), for /account and the support console. */
export function signInMethodsOf(user: Pick<User, "id" | "passwordHash">) {
  return signInMethods(db(), user);
}

/**
 * Next's NextRequest renames a loopback address to "localhost", so on http://127.0.0.1 the callback's URL
 * would not repeat the redirect_uri of the authorization request (built from the Host header), and the
 * provider would refuse the code. next-auth is given the address the visitor used, as a plain Request.
 */
function asVisited(req: NextRequest): NextRequest {
  const host = requestHost(req.headers);
  // With AUTH_URL set, next-auth uses that address and needs the NextRequest it was given.
  if (!host || process.env.AUTH_URL || process.env.NEXTAUTH_URL) return req;
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || req.nextUrl.protocol.replace(":", "");
  const url = new URL(`${req.nextUrl.pathname}${req.nextUrl.search}`, `${proto}://${host}`);
  if (url.href === req.url) return req;
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : req.body;
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers: req.headers, body, duplex: "half" };
  return new Request(url, init) as NextRequest;
}

export const authRoute = {
  GET: (req: NextRequest) => handlers.GET(asVisited(req)),
  POST: (req: NextRequest) => handlers.POST(asVisited(req)),
};

/** Whether /signin/continue may send the browser on to this address: only to the provider's sign-in. */
export async function continueTarget(to: string | undefined): Promise<string | null> {
  const sso = ssoSettings();
  return sso && to && (await isAuthorizationUrl(sso, to)) ? to : null;
}
