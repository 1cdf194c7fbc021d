import type { z } from "zod";
import { ruleById, type RuleId } from "./rules";

export type FieldError = { message: string; rule?: RuleId; help?: string };
export type FieldErrors = Partial<Record<string, FieldError>>;

/** The first issue per field, with its rule's help link when the issue came from the rule table. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (out[field]) continue;
    const rule = (issue as { params?: { rule?: RuleId } }).params?.rule;
    out[field] = rule ? ruleError(rule) : { message: issue.message };
  }
  return out;
}

export function ruleError(rule: RuleId): FieldError {
  const { message, help } = ruleById(rule);
  return { message, rule, help };
}
