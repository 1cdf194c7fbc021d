import { z } from "zod";
import { normalizeLink, linkProblems } from "./link";
import { normalizePmi, pmiProblems } from "./pmi";
import { passcodeProblems } from "./passcode";
import { ruleById, type RuleId } from "./rules";

// Checkboxes arrive as "on" when ticked and are absent when not (STYLE.md convention 3).
export const checkbox = z
  .enum(["on", "true", "1", "off", "false", "0", ""], { error: "Tick the box or leave it empty." })
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "1");

function withRules(problems: (value: string) => RuleId[]) {
  return (value: string, ctx: z.RefinementCtx) => {
    const first = problems(value)[0];
    if (first) ctx.addIssue({ code: "custom", message: ruleById(first).message, params: { rule: first } });
  };
}

/** A text field from FormData; each rule function refuses absurd lengths before anything else runs. */
const text = (tooLong: RuleId) => z.string({ error: ruleById(tooLong).message }).transform((s) => s.trim());

export const pmiSchema = text("pmi-length").superRefine(withRules(pmiProblems)).transform(normalizePmi);

export const linkSchema = text("link-length").superRefine(withRules(linkProblems)).transform(normalizeLink);

/** An empty passcode means "no passcode" (allowed only with the waiting room on, and without join before host). */
const passcodeSchema = z
  .string({ error: ruleById("passcode-length").message })
  .transform((s) => s.trim())
  .superRefine((value, ctx) => {
    if (value !== "") withRules(passcodeProblems)(value, ctx);
  })
  .transform((s) => (s === "" ? null : s));

export const roomIdentitySchema = z.object({ pmi: pmiSchema, link: linkSchema });

/** The dependent-settings rules of SPEC §3, checked on the final state of the room. */
/** The settings that depend on each other (SPEC §3), as the form, the action and the room all hold them. */
export type RoomSettings = { passcode: string | null; joinBeforeHost: boolean; waitingRoom: boolean };

export function settingsProblems(room: RoomSettings) {
  const problems: { field: "passcode" | "joinBeforeHost"; rule: RuleId }[] = [];
  if (room.joinBeforeHost && !room.passcode) problems.push({ field: "joinBeforeHost", rule: "jbh-needs-passcode" });
  if (!room.passcode && !room.waitingRoom) problems.push({ field: "passcode", rule: "passcode-or-waiting-room" });
  return problems;
}

export const roomSettingsSchema = z
  .object({ passcode: passcodeSchema, joinBeforeHost: checkbox, waitingRoom: checkbox })
  .superRefine((room, ctx) => {
    for (const { field, rule } of settingsProblems(room)) {
      ctx.addIssue({ code: "custom", path: [field], message: ruleById(rule).message, params: { rule } });
    }
  });
