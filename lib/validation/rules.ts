import { LINK_MAX, LINK_MIN, PASSCODE_MAX, PASSCODE_MIN } from "./limits";
// Every rule of SPEC §3 as data: the room form, the server actions, the support console and the help
// articles all read this one table, so a message, its help link and the article cannot drift apart.

export type RuleGroup = "pmi" | "link" | "passcode" | "settings";

export type RuleId =
  | "pmi-characters"
  | "pmi-length"
  | "pmi-first-digit"
  | "pmi-reserved-prefix"
  | "pmi-repeated-groups"
  | "pmi-repeated-digit-groups"
  | "pmi-digit-run"
  | "pmi-digit-count"
  | "pmi-sequence"
  | "pmi-in-use"
  | "link-length"
  | "link-characters"
  | "link-start"
  | "link-dots"
  | "link-reserved"
  | "link-in-use"
  | "passcode-length"
  | "passcode-characters"
  | "passcode-repeated"
  | "passcode-sequence"
  | "jbh-needs-passcode"
  | "passcode-or-waiting-room";

type Rule = {
  id: RuleId;
  group: RuleGroup;
  /** The rule as a statement, for the help article's rule list. */
  rule: string;
  /** One line next to the field: what to do about it. */
  message: string;
  /** Where the rule is explained: an article anchor rendered by the rule list itself. */
  help: string;
  example?: string;
};

/** The article that renders each group's rule list (with `<RuleList group="..." />`). */
export const ruleArticles: Record<RuleGroup, string> = {
  pmi: "customize-your-pmi-and-link",
  link: "customize-your-pmi-and-link",
  passcode: "pmi-passcode",
  settings: "waiting-room",
};

export const ruleAnchor = (id: RuleId) => `rule-${id}`;

export const RESERVED_PMI_PREFIXES = [
  "800",
  "400",
  "888",
  "887",
  "877",
  "866",
  "855",
  "850",
  "803",
  "804",
  "807",
  "808",
  "809",
  "660",
  "508",
  "900",
  "200",
  "300",
  "500",
  "600",
  "700",
] as const;

// Words a personal link may not be (ignoring case): our own routes and names that could pass for staff.
export const RESERVED_LINKS = [
  "support",
  "signin",
  "signout",
  "signup",
  "login",
  "logout",
  "account",
  "meetings",
  "meeting",
  "admin",
  "administrator",
  "roomdesk",
  "settings",
  "room",
  "rooms",
  "help",
  "api",
  "join",
  "host",
  "owner",
  "staff",
  "security",
  "system",
  "root",
  "about",
  "privacy",
  "terms",
  "static",
  "assets",
  "public",
] as const;

type RuleDef = Omit<Rule, "help">;

const defs: RuleDef[] = [
  {
    id: "pmi-characters",
    group: "pmi",
    rule: "Digits only; spaces, dashes, dots and brackets are ignored, so a phone number can be typed as written.",
    message: "Use digits only (spaces, dashes, dots and brackets are fine).",
    example: "415/555/0134",
  },
  {
    id: "pmi-length",
    group: "pmi",
    rule: "Exactly 10 digits.",
    message: "Enter exactly 10 digits.",
    example: "415 555 013",
  },
  {
    id: "pmi-first-digit",
    group: "pmi",
    rule: "The first digit is 2 to 9.",
    message: "Start with a digit from 2 to 9.",
    example: "0415550134",
  },
  {
    id: "pmi-reserved-prefix",
    group: "pmi",
    rule: `The first three digits are not a reserved prefix: ${RESERVED_PMI_PREFIXES.join(", ")}.`,
    message: "Those first three digits are reserved (like 800 or 900): choose others.",
    example: "800 555 0134",
  },
  {
    id: "pmi-repeated-groups",
    group: "pmi",
    rule: "The first nine digits are not one group of three repeated three times.",
    message: "Don't repeat the same three digits three times.",
    example: "247 247 2471",
  },
  {
    id: "pmi-repeated-digit-groups",
    group: "pmi",
    rule: "The first nine digits are not three groups of one repeated digit each.",
    message: "Don't use three groups of one repeated digit.",
    example: "222 444 7771",
  },
  {
    id: "pmi-digit-run",
    group: "pmi",
    rule: "No digit appears five or more times in a row.",
    message: "Don't use the same digit five or more times in a row.",
    example: "422 222 1234",
  },
  {
    id: "pmi-digit-count",
    group: "pmi",
    rule: "No digit appears eight or more times in all.",
    message: "Use more different digits: none may appear 8 or more times.",
    example: "2222 1222 21",
  },
  {
    id: "pmi-sequence",
    group: "pmi",
    rule: "The first nine digits are not a run of consecutive digits, up or down (9 wraps to 0).",
    message: "Don't use a run of consecutive digits.",
    example: "345 678 9012",
  },
  {
    id: "pmi-in-use",
    group: "pmi",
    rule: "No one else uses it, and it is not on hold for its previous owner (a changed ID is held for 30 days).",
    message: "That Personal Meeting ID is taken. Choose another.",
  },
  {
    id: "link-length",
    group: "link",
    rule: `${LINK_MIN} to ${LINK_MAX} characters.`,
    message: `Use ${LINK_MIN} to ${LINK_MAX} characters.`,
  },
  {
    id: "link-characters",
    group: "link",
    rule: "Letters (A-Z), digits and dots only.",
    message: "Use only letters, digits and dots.",
    example: "ada_lovelace",
  },
  {
    id: "link-start",
    group: "link",
    rule: "Starts with a letter.",
    message: "Start with a letter.",
    example: "1ada.lovelace",
  },
  {
    id: "link-dots",
    group: "link",
    rule: "No two dots in a row, and no dot at the end.",
    message: "Don't use two dots in a row or end with a dot.",
    example: "ada..lovelace",
  },
  {
    id: "link-reserved",
    group: "link",
    rule: `Not a reserved word such as ${RESERVED_LINKS.slice(0, 8).join(", ")}.`,
    message: "That word is reserved. Choose another link.",
    example: "support",
  },
  {
    id: "link-in-use",
    group: "link",
    rule:
      "No one else uses it, in any mix of upper and lower case, " +
      "and it is not on hold for its previous owner (30 days).",
    message: "That personal link is taken. Choose another.",
  },
  {
    id: "passcode-length",
    group: "passcode",
    rule: `${PASSCODE_MIN} to ${PASSCODE_MAX} characters.`,
    message: `Use ${PASSCODE_MIN} to ${PASSCODE_MAX} characters.`,
  },
  {
    id: "passcode-characters",
    group: "passcode",
    rule: "Letters, digits and @ * _ - only; upper and lower case are different.",
    message: "Use only letters, digits and @ * _ -.",
    example: "pass word",
  },
  {
    id: "passcode-repeated",
    group: "passcode",
    rule: "Not one character repeated.",
    message: "Don't repeat one character: it is easy to guess.",
    example: "aaaaaa",
  },
  {
    id: "passcode-sequence",
    group: "passcode",
    rule: "Not a simple run of digits or letters, up or down.",
    message: "Don't use a simple run like 123456 or abcdef.",
    example: "fedcba",
  },
  {
    id: "jbh-needs-passcode",
    group: "settings",
    rule: "Join before host needs a passcode, so nobody can start using your room unannounced.",
    message: "Join before host needs a passcode: set one, or turn join before host off.",
  },
  {
    id: "passcode-or-waiting-room",
    group: "settings",
    rule: "Every room has a passcode, a waiting room, or both.",
    message: "Keep a passcode or the waiting room (or both).",
  },
];

export const rules: readonly Rule[] = defs.map((d) => ({
  ...d,
  help: `/help/${ruleArticles[d.group]}#${ruleAnchor(d.id)}`,
}));

const byId = new Map(rules.map((r) => [r.id, r]));

export function ruleById(id: RuleId): Rule {
  const rule = byId.get(id);
  if (!rule) throw new Error(`Unknown rule ${id}`);
  return rule;
}

export function rulesInGroup(group: RuleGroup): Rule[] {
  return rules.filter((r) => r.group === group);
}
