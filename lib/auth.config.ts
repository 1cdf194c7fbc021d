import type { NextAuthConfig } from "next-auth";
import type { Role } from "@/lib/validation/account";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; email: string; role: Role; sv: number };
  }
  interface User {
    role?: Role;
    sv?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    sv?: number;
  }
}

/**
 * The part of the configuration that needs no database, shared by proxy.ts (which only decides whether to
 * send a visitor to /signin) and lib/auth.ts (which adds the Credentials provider).
 */
export const authConfig = {
  pages: { signIn: "/signin" },
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
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
        token.sv = user.sv;
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid) {
        session.user = {
          ...session.user,
          id: token.uid,
          role: token.role ?? "owner",
          sv: token.sv ?? 0,
        };
      }
      return session;
    },
  },
} satisfies NextAuthConfig;
