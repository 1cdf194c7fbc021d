import type { NextAuthConfig } from "next-auth";
import type { Role } from "@/lib/validation/account";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; email: string; role: Role };
    /** Only ever sent to unstable_update, to move this browser onto a fresh session (lib/auth/account-actions.ts). */
    sid?: string;
  }
  interface User {
    role?: Role;
    /** Set at sign-in: this browser had not signed in to the account before (lib/auth/device-cookie.ts). */
    newBrowser?: boolean;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    /** The session's id; its row in the sessions table decides whether the token still signs anyone in. */
    sid?: string;
  }
}

/** Every session ends this long after sign-in, however much it is used. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * The part of the configuration that needs no database. lib/auth/index.ts adds the Credentials provider and the
 * callbacks that keep the sessions table.
 */
export const authConfig = {
  // Refused single sign-ons (a token that fails its checks, an email in use) come back to the sign-in page.
  pages: { signIn: "/signin", error: "/signin" },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  trustHost: true,
  providers: [],
  logger: {
    // A wrong password is an expected outcome, not a server error; everything else is still logged.
    error(error) {
      const type = (error as { type?: string }).type;
      if (type === "CredentialsSignin") return;
      console.error(error);
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid) {
        session.user = { ...session.user, id: token.uid, role: token.role ?? "owner" };
      }
      return session;
    },
  },
} satisfies NextAuthConfig;
