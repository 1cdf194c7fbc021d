"use client";
import { startTransition, useActionState, type FormEvent } from "react";
import type { ActionState } from "@/lib/server/action";

type Action<R> = (state: ActionState<R>, formData: FormData) => Promise<ActionState<R>>;

/**
 * useActionState for forms that must keep what the person typed. With JavaScript, the submit is dispatched
 * by hand, so React does not reset the form after the action (its default for `action` submissions) and a
 * field edited while a result arrives is never wiped; without JavaScript, `action` posts the form as usual.
 */
export function useFormAction<R = never>(action: Action<R>) {
  const [state, dispatch, pending] = useActionState<ActionState<R>, FormData>(action, {});
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(formData));
  };
  return { state, pending, formProps: { action: dispatch, onSubmit } };
}
