import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { databaseError } from "@/db/errors";
import { withTransaction } from "@/db/transaction";
import { ssoIdentities, users, type User } from "@/db/schema";
import { env } from "@/lib/server/env";
import type { Role } from "@/lib/validation/account";
import { cleanText } from "@/lib/validation/text";
import { createUserWithRoom, userById } from "./users";

/** Single sign-on as configured (OIDC_* in lib/server/env.ts), or null when it is off. */
export type SsoSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  groupsClaim: string;
  supportGroups?: string[];
  linkByEmail: boolean;
};

export function ssoSettings(): SsoSettings | null {
  const e = env();
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    name: e.OIDC_NAME,
    groupsClaim: e.OIDC_GROUPS_CLAIM,
    supportGroups: e.OIDC_SUPPORT_GROUPS,
    linkByEmail: e.OIDC_LINK_BY_EMAIL === "on",
  };
}

export const passwordSignIn = () => env().PASSWORD_SIGNIN === "on";

/** The claims of a verified ID token (next-auth has checked issuer, audience, nonce and signature). */
export type SsoClaims = Record<string, unknown> & { iss?: unknown; sub?: unknown };

export type SsoRefusal = "no-subject" | "no-email" | "email-in-use";
/** `created`: the account was made by this sign-in. */
export type SsoOutcome = { ok: true; user: User; created?: boolean } | { ok: false; reason: SsoRefusal };

// RFC 5321's limit, and enough of a shape to be an address; the provider vouches for the rest.
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

function emailOf(claims: SsoClaims): string | null {
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  return email.length <= 254 && EMAIL.test(email) ? email : null;
}

function nameOf(claims: SsoClaims, email: string): string {
  const given = [claims.given_name, claims.family_name].filter((p) => typeof p === "string").join(" ");
  for (const candidate of [claims.name, given, claims.preferred_username]) {
    const name = typeof candidate === "string" ? cleanText(candidate).slice(0, 100) : "";
    if (name) return name;
  }
  return email.split("@")[0]!;
}

/**
 * The role the provider's groups give, when OIDC_SUPPORT_GROUPS is set: support for a member of any of them,
 * owner otherwise (so leaving the group demotes at the next sign-in). Unset, the role is left as it is.
 */
export function roleFromGroups(claims: SsoClaims, settings: Pick<SsoSettings, "groupsClaim" | "supportGroups">) {
  if (!settings.supportGroups) return undefined;
  const value = claims[settings.groupsClaim];
  const groups = Array.isArray(value) ? value : typeof value === "string" ? value.split(/[\s,]+/) : [];
  const member = groups.some((g) => typeof g === "string" && settings.supportGroups!.includes(g));
  const role: Role = member ? "support" : "owner";
  return role;
}

const isUniqueViolation = (error: unknown) => {
  const code = databaseError(error)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE";
};

/**
 * The account of an identity at the provider, keyed by (issuer, subject), never by email. The first sign-in
 * makes the account and its room (as `npm run user:add` does); later ones bring its name, email and role up to
 * date. An email another account already uses is linked only with OIDC_LINK_BY_EMAIL=on and a verified email.
 */
export async function accountForSso(db: Db, claims: SsoClaims, settings: SsoSettings): Promise<SsoOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await findOrCreate(db, claims, settings);
    } catch (error) {
      // A first sign-in at the same moment (another tab, another server) made it first: this time it is found.
      if (attempt >= 2 || !isUniqueViolation(error)) throw error;
    }
  }
}

async function findOrCreate(db: Db, claims: SsoClaims, settings: SsoSettings): Promise<SsoOutcome> {
  const issuer = settings.issuer;
  const subject = typeof claims.sub === "string" && claims.sub.length <= 255 ? claims.sub : "";
  if (!subject) return { ok: false, reason: "no-subject" };
  const email = emailOf(claims);
  const role = roleFromGroups(claims, settings);
  const [identity] = await db
    .select()
    .from(ssoIdentities)
    .where(and(eq(ssoIdentities.issuer, issuer), eq(ssoIdentities.subject, subject)))
    .limit(1);
  if (identity) {
    await withTransaction(db, async (tx) => {
      await tx.update(ssoIdentities).set({ lastSignInAt: new Date() }).where(eq(ssoIdentities.id, identity.id));
      const [taken] = email
        ? await tx
            .select({ id: users.id })
            .from(users)
            .where(and(eq(sql`lower(${users.email})`, email), ne(users.id, identity.userId)))
            .limit(1)
        : [];
      const [current] = await tx.select({ email: users.email }).from(users).where(eq(users.id, identity.userId));
      const changes = {
        // A new email that another account holds stays unlinked: the account keeps its old one.
        ...(email && !taken ? { email } : {}),
        name: nameOf(claims, email ?? current?.email ?? "") || undefined,
        ...(role ? { role } : {}),
      };
      await tx.update(users).set(changes).where(eq(users.id, identity.userId));
    });
    const user = await userById(db, identity.userId);
    if (!user) throw new Error("An identity without its account");
    return { ok: true, user };
  }

  if (!email) return { ok: false, reason: "no-email" };
  const [existing] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  if (existing) {
    if (!settings.linkByEmail || claims.email_verified !== true) return { ok: false, reason: "email-in-use" };
    await withTransaction(db, async (tx) => {
      await tx.insert(ssoIdentities).values({ userId: existing.id, issuer, subject });
      if (role) await tx.update(users).set({ role }).where(eq(users.id, existing.id));
    });
    return { ok: true, user: { ...existing, role: role ?? existing.role } };
  }
  const user = await createUserWithRoom(db, {
    email,
    name: nameOf(claims, email),
    passwordHash: null,
    role: role ?? "owner",
    sso: { issuer, subject },
  });
  return { ok: true, user, created: true };
}

/** How an account signs in, for the support console and /account. */
export async function signInMethods(db: Db, user: Pick<User, "id" | "passwordHash">) {
  const [identity] = await db
    .select({ id: ssoIdentities.id })
    .from(ssoIdentities)
    .where(eq(ssoIdentities.userId, user.id))
    .limit(1);
  return { password: user.passwordHash !== null, sso: identity !== undefined };
}
