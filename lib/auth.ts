import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { notFound, redirect } from "next/navigation";
import { cookies, headers } from "next/headers";
import { readSessionToken } from "@/lib/session-cookie";
import { db } from "@/db";
import type { User } from "@/db/schema";
import { authConfig } from "@/lib/auth.config";
import { clientAddress } from "@/lib/client-address";
import { authSecret } from "@/lib/env";
import { verifyPassword } from "@/lib/password";
import { recordFailure, resetCounter, retryAfterMs } from "@/lib/rate-limit";
import { signInCounters } from "@/lib/sign-in-limits";
import { userById, userByEmail } from "@/lib/users";
import { signInSchema, type Role } from "@/lib/validation/account";

export class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}

export class SignInLimited extends CredentialsSignin {
  code = "limited";
  constructor(public retryAfterMs: number) {
    super("Too many failed sign-ins");
  }
}

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth(() => ({
  ...authConfig,
  secret: authSecret(),
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new InvalidCredentials();
        const { email, password } = parsed.data;
        const counters = signInCounters(email, clientAddress(request.headers));
        const sqlite = db().$client;
        // Past a limit, refuse before checking the password: a right guess must not be confirmed either.
        const wait = await retryAfterMs(sqlite, counters);
        if (wait > 0) throw new SignInLimited(wait);
        const user = userByEmail(db(), email);
        const ok = await verifyPassword(user?.passwordHash, password);
        if (!user || !ok) {
          await recordFailure(sqlite, counters);
          throw new InvalidCredentials();
        }
        await resetCounter(sqlite, counters[0]!);
        return { id: String(user.id), name: user.name, email: user.email, role: user.role, sv: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    ...authConfig.callbacks,
    async jwt(params) {
      const token = await authConfig.callbacks.jwt(params);
      // After "Sign out of every device" or a password change, this session is re-issued with the new version.
      if (params.trigger === "update" && token.uid) {
        const fresh = userById(db(), Number(token.uid));
        if (fresh) {
          token.sv = fresh.sessionVersion;
          token.role = fresh.role;
        }
      }
      return token;
    },
  },
}));

export type SessionUser = User;

/**
 * The session token from the cookie jar. Read through cookies() rather than auth(): after an action
 * re-issues the session (sign out of every device), the page rendered in the same response must see the
 * new token, and only cookies() reflects it; auth() reads the request headers as they arrived.
 */
async function sessionToken() {
  return readSessionToken((await cookies()).getAll(), authSecret());
}

/** The signed-in user, re-read from the database; null when signed out or when the session was revoked. */
export async function currentUser(): Promise<User | null> {
  const token = await sessionToken();
  const id = Number(token?.uid);
  if (!token || !Number.isInteger(id)) return null;
  const user = userById(db(), id);
  if (!user || user.sessionVersion !== token.sv) return null;
  return user;
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
