"use client";
import { useActionState } from "react";
import { changePassword, signOutEverywhere } from "@/lib/auth/account-actions";
import { Field, FormMessage } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";

export function ChangePasswordForm() {
  const [state, action] = useActionState(changePassword, {});
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" key={state.ok ? state.at : "form"}>
      <FormMessage ok={state.ok} message={state.message} />
      <Field
        id="currentPassword"
        name="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        error={e.currentPassword}
      />
      <Field
        id="newPassword"
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        hint="12 to 128 characters."
        error={e.newPassword}
      />
      <Field
        id="confirmPassword"
        name="confirmPassword"
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        required
        error={e.confirmPassword}
      />
      <SubmitButton>Change password</SubmitButton>
    </form>
  );
}

export function SignOutEverywhereForm() {
  const [state, action] = useActionState(signOutEverywhere, {});
  return (
    <form action={action} className="space-y-3">
      <FormMessage ok={state.ok} message={state.message} />
      <SubmitButton>Sign out of every device</SubmitButton>
    </form>
  );
}
