"use client";
import { useDraft } from "@/app/_components/use-draft";
import { Field, FormMessage } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { LINK_MAX, LINK_MIN } from "@/lib/validation/limits";
import { linkProblems, normalizeLink } from "@/lib/validation/link";
import { formatPmi, normalizePmi, pmiProblems } from "@/lib/validation/pmi";
import { ruleError, type FieldError } from "@/lib/validation/errors";
import { useRoom } from "./room-state";

const live = (problems: ReturnType<typeof pmiProblems>): FieldError | undefined =>
  problems[0] ? ruleError(problems[0]) : undefined;

/** PMI and personal link, saved together. The rules run as you type; the server has the last word. */
export function IdentityForm() {
  const { room, origin, forms } = useRoom();
  const { pmi, link } = room;
  const { state, pending, formProps } = forms.identity;
  // What was typed since the last server answer or the last change to the saved room, whichever is newer.
  const version = `${state.at ?? 0}|${pmi}|${link}`;
  const initial = { pmi: state.values?.pmi ?? formatPmi(pmi), link: state.values?.link ?? link };
  const { current, edited, update } = useDraft(initial, version);
  const { pmi: pmiValue, link: linkValue } = current;
  const pmiError = edited("pmi") ? live(pmiProblems(pmiValue)) : state.fieldErrors?.pmi;
  const linkError = edited("link") ? live(linkProblems(linkValue)) : state.fieldErrors?.link;
  const changing = normalizePmi(pmiValue.trim()) !== pmi || normalizeLink(linkValue) !== link;

  return (
    <form {...formProps} className="space-y-4" key={version} noValidate>
      <FormMessage ok={state.ok} message={state.message} />
      <Field
        id="pmi"
        name="pmi"
        label="Personal Meeting ID"
        defaultValue={pmiValue}
        inputMode="tel"
        autoComplete="off"
        hint="10 digits, such as your office phone number. Spaces, dashes, dots and brackets are fine."
        error={pmiError}
        onChange={(e) => update({ pmi: e.target.value })}
      />
      <Field
        id="link"
        name="link"
        label="Personal link"
        defaultValue={linkValue}
        autoComplete="off"
        spellCheck={false}
        hint={
          `${LINK_MIN} to ${LINK_MAX} letters, digits and dots. ` +
          `Your room opens at ${origin}/my/${normalizeLink(linkValue) || "…"}`
        }
        error={linkError}
        onChange={(e) => update({ link: e.target.value })}
      />
      <p
        className={`rounded-md p-3 text-sm ${changing ? "border border-amber-500 bg-amber-50" : "bg-slate-50"}`}
        role={changing ? "note" : undefined}
      >
        <strong>Invitations you already sent stop working.</strong> A new Personal Meeting ID or link takes effect at
        once; the old ones are kept for you for 30 days in case you want them back.
      </p>
      <SubmitButton pending={pending}>Save ID and link</SubmitButton>
    </form>
  );
}
