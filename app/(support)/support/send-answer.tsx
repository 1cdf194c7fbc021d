"use client";
import { useActionState } from "react";
import { sendAnswer } from "@/lib/support/actions";
import { SEND_NOTE_MAX } from "@/lib/validation/support";
import { Field, FormMessage } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";

/**
 * "Send to a user" for one answer, behind a native <details> (works without JavaScript). The form names the
 * answer by its path only: the server looks up its title and text.
 */
export function SendAnswer({ path, index, user }: { path: string; index: number; user: string }) {
  const [state, action] = useActionState(sendAnswer, {});
  const e = state.fieldErrors ?? {};
  const id = `send-${index}`;
  return (
    // Stays open to show what happened, also when the page comes back from a post without JavaScript.
    <details open={state.message ? true : undefined} className="rounded-md border border-slate-300 p-3">
      <summary className="cursor-pointer font-medium">Send to a user</summary>
      <form action={action} key={state.ok ? state.at : "form"} className="mt-2 space-y-3">
        <FormMessage ok={state.ok} message={state.message} />
        <input type="hidden" name="answer" value={path} />
        <Field
          id={`${id}-user`}
          name="user"
          label="Send to"
          hint="Email, Personal Meeting ID, meeting ID, personal link, or a join URL."
          defaultValue={state.ok ? user : (state.values?.user ?? user)}
          autoComplete="off"
          required
          error={e.user}
        />
        <Field
          id={`${id}-note`}
          name="note"
          label="Note (optional)"
          hint={`Up to ${SEND_NOTE_MAX} characters, shown above the answer.`}
          defaultValue={state.ok ? "" : (state.values?.note ?? "")}
          autoComplete="off"
          error={e.note}
        />
        <SubmitButton>Send answer</SubmitButton>
      </form>
    </details>
  );
}
