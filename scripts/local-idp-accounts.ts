/** What a test may set for a login; null leaves the claim out of the tokens. */
export type ClaimOverrides = {
  email?: string | null;
  email_verified?: boolean | null;
  name?: string | null;
  groups?: string[] | null;
};

export const SUPPORT_GROUP = "roomdesk-support";

/** The subject for what someone typed at the login screen: "  Support.Desk " and "support.desk" are one person. */
export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

function nameFrom(login: string): string {
  const local = login.includes("@") ? login.slice(0, login.indexOf("@")) : login;
  const words = local.split(/[._\-+\s]+/).filter(Boolean);
  if (words.length === 0) return login;
  return words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join(" ");
}

/** The claims of an account of the development login: made up from the login name, then the test's overrides. */
export function accountClaims(login: string, overrides: ClaimOverrides = {}): Record<string, unknown> {
  const name = nameFrom(login);
  const words = name.split(" ");
  const claims: Record<string, unknown> = {
    sub: login,
    email: login.includes("@") ? login : `${login}@example.edu`,
    email_verified: true,
    name,
    given_name: words[0],
    family_name: words.length > 1 ? words[words.length - 1] : undefined,
    groups: login.startsWith("support") ? [SUPPORT_GROUP, "staff"] : ["staff"],
  };
  for (const [claim, value] of Object.entries(overrides)) {
    if (value === null) delete claims[claim];
    else if (value !== undefined) claims[claim] = value;
  }
  for (const claim of Object.keys(claims)) if (claims[claim] === undefined) delete claims[claim];
  return claims;
}
