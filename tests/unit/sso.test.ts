import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { rooms, sessions, ssoIdentities, users } from "@/db/schema";
import { endSsoSessions, sessionUser, startSession } from "@/lib/auth/sessions";
import { accountForSso, roleFromGroups, signInMethods, type SsoSettings } from "@/lib/auth/sso";
import { createUserWithRoom } from "@/lib/auth/users";
import { parseEnv } from "@/lib/server/env";
import { BASE_SETTINGS, settingsProblems } from "../support/settings";
import { tempDatabase } from "../support/temp-db";

const ISSUER = "https://idp.example.edu/";
const settings = (over: Partial<SsoSettings> = {}): SsoSettings => ({
  issuer: ISSUER,
  clientId: "roomdesk",
  clientSecret: "secret",
  name: "Example University",
  groupsClaim: "groups",
  linkByEmail: false,
  ...over,
});
const claims = (sub: string, over: Record<string, unknown> = {}) => ({
  iss: ISSUER,
  sub,
  email: `${sub}@example.edu`,
  email_verified: true,
  name: `User ${sub}`,
  ...over,
});
const LIMITS = { idleMs: 60_000, maxAgeMs: 3_600_000 };
const counts = async (db: Db) => ({
  users: (await db.select().from(users)).length,
  rooms: (await db.select().from(rooms)).length,
  identities: (await db.select().from(ssoIdentities)).length,
});

describe("accounts from single sign-on", () => {
  it("the first sign-in makes the account and its room, with no password; the next finds it", async () => {
    const { db } = await tempDatabase();
    const first = await accountForSso(db, claims("u1001", { name: "Ada Lovelace" }), settings());
    if (!first.ok) throw new Error(first.reason);
    expect(first.user).toMatchObject({ email: "u1001@example.edu", name: "Ada Lovelace", passwordHash: null });
    const [room] = await db.select().from(rooms).where(eq(rooms.userId, first.user.id));
    expect(room).toMatchObject({ link: "ada.lovelace", waitingRoom: true, joinBeforeHost: false });
    expect(await signInMethods(db, first.user)).toEqual({ password: false, sso: true });

    // Keyed by (issuer, subject): a new name and email at the provider update the same account.
    const again = await accountForSso(db, claims("u1001", { name: "Ada King", email: "ada@example.edu" }), settings());
    if (!again.ok) throw new Error(again.reason);
    expect(again.user).toMatchObject({ id: first.user.id, name: "Ada King", email: "ada@example.edu" });
    expect(await counts(db)).toEqual({ users: 1, rooms: 1, identities: 1 });
  });

  it("never takes over an account by its email unless linking is on and the provider verified it", async () => {
    const { db } = await tempDatabase();
    const grace = await createUserWithRoom(db, { email: "grace@example.edu", name: "Grace Hopper", passwordHash: "h" });
    const asGrace = (verified: unknown) => claims("g-77", { email: "Grace@Example.edu", email_verified: verified });

    expect(await accountForSso(db, asGrace(true), settings())).toEqual({ ok: false, reason: "email-in-use" });
    expect(await accountForSso(db, asGrace(false), settings({ linkByEmail: true }))).toEqual({
      ok: false,
      reason: "email-in-use",
    });
    expect(await accountForSso(db, asGrace("true"), settings({ linkByEmail: true }))).toEqual({
      ok: false,
      reason: "email-in-use",
    });
    expect(await counts(db)).toEqual({ users: 1, rooms: 1, identities: 0 });

    const linked = await accountForSso(db, asGrace(true), settings({ linkByEmail: true }));
    expect(linked).toMatchObject({ ok: true, user: { id: grace.id } });
    expect(await signInMethods(db, grace)).toEqual({ password: true, sso: true });
    expect(await counts(db)).toEqual({ users: 1, rooms: 1, identities: 1 });
  });

  it("a subject whose email another account holds keeps its own email", async () => {
    const { db } = await tempDatabase();
    await createUserWithRoom(db, { email: "taken@example.edu", name: "Someone", passwordHash: "h" });
    const first = await accountForSso(db, claims("u2"), settings());
    const moved = await accountForSso(db, claims("u2", { email: "taken@example.edu", name: "New Name" }), settings());
    expect(moved).toMatchObject({ ok: true, user: { email: "u2@example.edu", name: "New Name" } });
    expect(first.ok && moved.ok && first.user.id === moved.user.id).toBe(true);
  });

  it("refuses a sign-in without an email or a subject, and creates nothing", async () => {
    const { db } = await tempDatabase();
    expect(await accountForSso(db, claims("u3", { email: undefined }), settings())).toEqual({
      ok: false,
      reason: "no-email",
    });
    expect(await accountForSso(db, claims("", {}), settings())).toEqual({ ok: false, reason: "no-subject" });
    expect(await counts(db)).toEqual({ users: 0, rooms: 0, identities: 0 });
  });

  it("gives and takes the support role from the provider's groups, and leaves roles alone when not configured", async () => {
    const { db } = await tempDatabase();
    const support = settings({ supportGroups: ["roomdesk-support"] });
    const member = await accountForSso(db, claims("s1", { groups: ["staff", "roomdesk-support"] }), support);
    expect(member).toMatchObject({ ok: true, user: { role: "support" } });
    const left = await accountForSso(db, claims("s1", { groups: ["staff"] }), support);
    expect(left).toMatchObject({ ok: true, user: { role: "owner" } });
    await db.update(users).set({ role: "support" }).where(eq(users.email, "s1@example.edu"));
    expect(await accountForSso(db, claims("s1", { groups: [] }), settings())).toMatchObject({
      ok: true,
      user: { role: "support" },
    });
    expect(
      roleFromGroups({ roles: "a roomdesk-support" }, { groupsClaim: "roles", supportGroups: ["roomdesk-support"] }),
    ).toBe("support");
  });

  it("a back-channel logout ends the sessions it names, by sid or all of the subject's, and no one else's", async () => {
    const { db } = await tempDatabase();
    const a = await accountForSso(db, claims("a"), settings());
    const b = await accountForSso(db, claims("b"), settings());
    if (!a.ok || !b.ok) throw new Error("no account");
    const a1 = await startSession(db, a.user.id, LIMITS, new Date(), { idpSid: "sid-1", idToken: "t1" });
    const a2 = await startSession(db, a.user.id, LIMITS, new Date(), { idpSid: "sid-2", idToken: "t2" });
    const b1 = await startSession(db, b.user.id, LIMITS, new Date(), { idpSid: "sid-1", idToken: "t3" });
    const live = async (id: string) => (await sessionUser(db, id, LIMITS)) !== null;

    expect(await endSsoSessions(db, ISSUER, { sub: "a", sid: "sid-1" })).toBe(1);
    expect([await live(a1), await live(a2), await live(b1)]).toEqual([false, true, true]);
    expect(await endSsoSessions(db, "https://other.example/", { sub: "b" })).toBe(0);
    expect(await endSsoSessions(db, ISSUER, { sub: "a" })).toBe(1);
    expect([await live(a2), await live(b1)]).toEqual([false, true]);
    expect(await db.select().from(sessions)).toHaveLength(1);
  });
});

describe("single sign-on settings", () => {
  const base = BASE_SETTINGS;
  const problems = settingsProblems;

  it("are off by default and read with their defaults", () => {
    const e = parseEnv({ ...base, OIDC_ISSUER: ISSUER, OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s" });
    expect(e).toMatchObject({ OIDC_NAME: "your organization", OIDC_GROUPS_CLAIM: "groups", PASSWORD_SIGNIN: "on" });
    expect(e.OIDC_LINK_BY_EMAIL).toBe("off");
    expect(parseEnv({ ...base, OIDC_SUPPORT_GROUPS: " a, b ,," }).OIDC_SUPPORT_GROUPS).toEqual(["a", "b"]);
  });

  it("refuse combinations that cannot work, naming the variable to fix", () => {
    expect(problems({ OIDC_ISSUER: ISSUER, OIDC_CLIENT_SECRET: "s" })).toContain("OIDC_CLIENT_ID is required");
    expect(problems({ OIDC_ISSUER: ISSUER, OIDC_CLIENT_ID: "c" })).toContain("OIDC_CLIENT_SECRET is required");
    expect(problems({ OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s" })).toContain("OIDC_ISSUER is required");
    expect(problems({ PASSWORD_SIGNIN: "off" })).toContain("PASSWORD_SIGNIN=off needs single sign-on");
    expect(problems({ OIDC_LINK_BY_EMAIL: "yes" })).toContain("OIDC_LINK_BY_EMAIL");
    expect(problems({ OIDC_ISSUER: "not a url", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s" })).toContain(
      "OIDC_ISSUER",
    );
  });
});
