import "server-only";
import os from "node:os";
import path from "node:path";
import { z } from "zod";

// Every setting the server reads, validated once. Limits have safe production defaults; tests and
// benchmarks override them through the environment.
const int = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const blankIsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const onOff = (name: string, fallback: "on" | "off") =>
  z.preprocess(
    (value) => (typeof blankIsUnset(value) === "string" ? String(value).trim().toLowerCase() : undefined),
    z.enum(["on", "off"], { error: `${name} must be "on" or "off"` }).default(fallback),
  );
const optionalText = (name: string) =>
  z.preprocess(blankIsUnset, z.string(`${name} must be text`).trim().min(1).optional());

const envSchema = z.object({
  DATABASE_PATH: z
    .string()
    .min(1)
    .default(path.join(process.cwd(), "data", "roomdesk.db")),
  // Set, it selects PostgreSQL instead of the SQLite file at DATABASE_PATH.
  DATABASE_URL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .regex(/^postgres(ql)?:\/\/./, "DATABASE_URL must be a postgres:// or postgresql:// URL (unset it to use SQLite)")
      .optional(),
  ),
  DATABASE_POOL_SIZE: z.coerce
    .number("DATABASE_POOL_SIZE must be a number")
    .int("DATABASE_POOL_SIZE must be a whole number")
    .min(1, "DATABASE_POOL_SIZE must be at least 1")
    .max(1000, "DATABASE_POOL_SIZE must be at most 1000")
    .default(10),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  // Failed sign-ins: per (account, client), per client, per account across all clients
  // (ASVS 2.2.1: at most 100 an hour).
  SIGNIN_LIMIT_ACCOUNT_CLIENT: int(5),
  SIGNIN_WINDOW_ACCOUNT_CLIENT_SECONDS: int(15 * 60),
  SIGNIN_LIMIT_CLIENT: int(50),
  SIGNIN_WINDOW_CLIENT_SECONDS: int(60 * 60),
  SIGNIN_LIMIT_ACCOUNT: int(100),
  SIGNIN_WINDOW_ACCOUNT_SECONDS: int(60 * 60),
  // A browser with a device cookie for the account is judged by its own failures instead of the per-account limit.
  SIGNIN_LIMIT_DEVICE: int(5),
  SIGNIN_WINDOW_DEVICE_SECONDS: int(15 * 60),
  // Sign-ins from browsers without a device cookie for the account are verified in this many low-priority
  // child processes (19 MiB each while hashing), with at most this many waiting; more are told to try later.
  SIGNIN_VERIFY_PROCESSES: z.coerce
    .number()
    .int()
    .min(1)
    .default(Math.max(1, os.availableParallelism() - 1)),
  SIGNIN_VERIFY_QUEUE: int(64),
  // A session unused this long ends (SPEC §2: 7 days).
  SESSION_IDLE_SECONDS: int(7 * 24 * 60 * 60),
  // Failed joins (unknown ID or wrong passcode): per client address and per room (or requested ID).
  // See lib/join/service.ts.
  JOIN_LIMIT_CLIENT: int(10),
  JOIN_WINDOW_CLIENT_SECONDS: int(60 * 60),
  JOIN_LIMIT_ID: int(10),
  JOIN_WINDOW_ID_SECONDS: int(60 * 60),
  // A browser holding a pass for the room (it joined before) has its own, smaller allowance.
  JOIN_LIMIT_PASS: int(5),
  JOIN_WINDOW_PASS_SECONDS: int(60 * 60),
  // Guests one client address may add to one room, and guests a waiting room holds at once.
  JOIN_LIMIT_CLIENT_ROOM: int(20),
  JOIN_WINDOW_CLIENT_ROOM_SECONDS: int(60 * 60),
  JOIN_WAITING_MAX: int(50),
  // Claims of a PMI or link refused as "in use", per account: otherwise /room would tell anyone which exist.
  ROOM_CLAIM_LIMIT: int(20),
  ROOM_CLAIM_WINDOW_SECONDS: int(60 * 60),
  // Answers one support person may send to users ("Send to a user"): a slip or a stolen session mails few.
  SUPPORT_SEND_LIMIT: int(60),
  SUPPORT_SEND_WINDOW_SECONDS: int(60 * 60),
  // Single sign-on through an OpenID provider (lib/auth/sso.ts): on when OIDC_ISSUER is set.
  OIDC_ISSUER: z.preprocess(
    blankIsUnset,
    z.url({ protocol: /^https?$/, error: "OIDC_ISSUER must be the provider's issuer URL (https://...)" }).optional(),
  ),
  OIDC_CLIENT_ID: optionalText("OIDC_CLIENT_ID"),
  OIDC_CLIENT_SECRET: optionalText("OIDC_CLIENT_SECRET"),
  OIDC_NAME: z.preprocess(blankIsUnset, z.string().trim().min(1).max(60).default("your organization")),
  OIDC_GROUPS_CLAIM: z.preprocess(blankIsUnset, z.string().trim().min(1).default("groups")),
  // Re-read at every sign-in; unset, single sign-on never changes anyone's role.
  OIDC_SUPPORT_GROUPS: z.preprocess(
    blankIsUnset,
    z
      .string()
      .transform((list) =>
        list
          .split(",")
          .map((group) => group.trim())
          .filter(Boolean),
      )
      .optional(),
  ),
  OIDC_LINK_BY_EMAIL: onOff("OIDC_LINK_BY_EMAIL", "off"),
  PASSWORD_SIGNIN: onOff("PASSWORD_SIGNIN", "on"),
  // The site's public address, for links in mail (lib/server/site-url.ts reads it for the help pages too).
  SITE_URL: z.preprocess(
    blankIsUnset,
    z.url({ protocol: /^https?$/, error: "SITE_URL must be the site's public address (https://...)" }).optional(),
  ),
  // Mail (lib/mail): sent over SMTP when SMTP_URL is set, else written as .eml files into MAIL_DIR.
  SMTP_URL: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^smtps?:\/\/./, "SMTP_URL must be an smtp:// or smtps:// URL (unset it to write mail to files)")
      .optional(),
  ),
  MAIL_FROM: optionalText("MAIL_FROM"),
  MAIL_DIR: z.preprocess(blankIsUnset, z.string().default(path.join(process.cwd(), "data", "mail"))),
  // Notices of one kind to one person within this window go as one message.
  MAIL_BURST_SECONDS: int(60),
  // A failed delivery is tried again after this, doubling each time up to 64 times it, until MAIL_GIVE_UP_SECONDS.
  MAIL_RETRY_BASE_SECONDS: int(60),
  MAIL_GIVE_UP_SECONDS: int(24 * 60 * 60),
  MAIL_POLL_MS: z.coerce.number().int().min(10, "MAIL_POLL_MS must be at least 10").default(2000),
  // Sent notices are deleted after this many days; answers from support and failed messages are kept.
  MAIL_KEEP_DAYS: z.coerce.number().int().min(1, "MAIL_KEEP_DAYS must be at least 1").default(90),
});

/** Settings that only make sense together: each problem names the variable to fix. */
const checkedSchema = envSchema.superRefine((e, ctx) => {
  const problem = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (e.OIDC_ISSUER && !e.OIDC_CLIENT_ID)
    problem(
      "OIDC_CLIENT_ID",
      "OIDC_CLIENT_ID is required when OIDC_ISSUER is set (the client registered at the provider)",
    );
  if (e.OIDC_ISSUER && !e.OIDC_CLIENT_SECRET)
    problem("OIDC_CLIENT_SECRET", "OIDC_CLIENT_SECRET is required when OIDC_ISSUER is set");
  if (!e.OIDC_ISSUER && (e.OIDC_CLIENT_ID || e.OIDC_CLIENT_SECRET))
    problem("OIDC_ISSUER", "OIDC_ISSUER is required when OIDC_CLIENT_ID or OIDC_CLIENT_SECRET is set");
  if (!e.OIDC_ISSUER && e.PASSWORD_SIGNIN === "off")
    problem("PASSWORD_SIGNIN", "PASSWORD_SIGNIN=off needs single sign-on (OIDC_ISSUER): nobody could sign in");
  if (e.SMTP_URL && !e.MAIL_FROM)
    problem("MAIL_FROM", "MAIL_FROM is required when SMTP_URL is set (e.g. MAIL_FROM='Roomdesk <rooms@example.edu>')");
  if (e.SMTP_URL && !e.SITE_URL)
    problem("SITE_URL", "SITE_URL is required when SMTP_URL is set (mail links to the site by its public address)");
});

type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`Roomdesk's settings are not valid:\n${lines.join("\n")}`);
}

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Every setting read from `source`; throws one error listing each problem by its variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  return parse(checkedSchema, source);
}

/**
 * DATABASE_URL alone, for db/schema.ts, which picks the engine's tables as it loads: reading every setting
 * then would fix them before a test or script has set its own.
 */
export function databaseUrl(): string | undefined {
  return parse(envSchema.pick({ DATABASE_URL: true }), process.env).DATABASE_URL;
}

export function authSecret(): string {
  const secret = env().AUTH_SECRET;
  if (!secret) {
    throw new Error(
      "AUTH_SECRET is not set. Generate one with `openssl rand -base64 32` and start again with AUTH_SECRET=<value>.",
    );
  }
  return secret;
}
