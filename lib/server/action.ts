import "server-only";
import { headers } from "next/headers";
import type { z } from "zod";
import type { User } from "@/db/schema";
import { currentUser } from "@/lib/auth";
import { requestHost } from "@/lib/server/site";
import { fieldErrors, type FieldErrors } from "@/lib/validation/errors";
import type { Role } from "@/lib/validation/account";

/**
 * What every form action returns: a message, per-field errors, the typed (non-secret) values to keep, and
 * what a successful action made, for the page to show without being rendered again.
 */
export type ActionState<R = never> = {
  ok?: boolean;
  message?: string;
  fieldErrors?: FieldErrors;
  values?: Record<string, string>;
  /** Changes whenever an action runs, so a form can tell a new result from an old one. */
  at?: number;
  result?: R;
};

const FORBIDDEN_ORIGIN = "This request did not come from a Roomdesk page. Reload the page and try again.";
export const SIGNED_OUT = "Your session has ended. Sign in again to continue.";
const NOT_A_FORM = "Nothing was changed.";

/** Anyone can call an action with any arguments (a plain object, none at all); only a form is read. */
export function isFormData(value: unknown): value is FormData {
  return value instanceof FormData;
}

/**
 * Next refuses a server action whose Origin is foreign but only warns when it is missing; we refuse both,
 * so a request that a browser did not send from one of our pages never reaches an action body.
 */
export async function sameOrigin(): Promise<boolean> {
  return originMatches(await headers());
}

/** True when the request's Origin names this site; a missing or unparsable Origin is not a match. */
export function originMatches(h: Headers): boolean {
  const origin = h.get("origin");
  const host = requestHost(h);
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Echo back what was typed, minus secrets, so a refused form keeps its values (also without JavaScript). */
function echo(formData: FormData, secret: readonly string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !key.startsWith("$") && !secret.includes(key)) values[key] = value.slice(0, 500);
  }
  return values;
}

type Body<S extends z.ZodType, R> = (
  input: z.output<S>,
  user: User,
  formData: FormData,
) => Promise<ActionState<R>> | ActionState<R>;

type Options = { role?: Role; secret?: readonly string[] };

/**
 * The checks every action makes before it reads anything, signed in or not: the arguments are a form, and
 * the request came from one of our pages. Returns the refusal, or null to go on.
 */
export async function refusal(formData: unknown, at = Date.now()): Promise<ActionState | null> {
  if (!isFormData(formData)) return { ok: false, message: NOT_A_FORM, at };
  if (!(await sameOrigin())) return { ok: false, message: FORBIDDEN_ORIGIN, at };
  return null;
}

/**
 * The one wrapper every signed-in action is built with: the user comes from the session (never the form),
 * the role is re-read from the database, and FormData is parsed by the entity's schema before the body runs.
 */
export function userAction<S extends z.ZodType, R = never>(schema: S, body: Body<S, R>, options: Options = {}) {
  return async (_prev: ActionState<R>, formData: FormData): Promise<ActionState<R>> => {
    const at = Date.now();
    const refused = await refusal(formData, at);
    if (refused) return refused;
    const user = await currentUser();
    if (!user) return { ok: false, message: SIGNED_OUT, at };
    if (options.role && user.role !== options.role) return { ok: false, message: "You can't do that.", at };
    const values = echo(formData, options.secret);
    const parsed = schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      return {
        ok: false,
        message: "Check the highlighted fields.",
        fieldErrors: fieldErrors(parsed.error),
        values,
        at,
      };
    }
    const result = await body(parsed.data, user, formData);
    return { values: result.ok ? undefined : values, ...result, at };
  };
}
