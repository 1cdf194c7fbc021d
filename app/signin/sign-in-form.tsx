"use client";
import { useActionState } from "react";
import { signInAction } from "@/lib/auth/actions";
import { FormMessage } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState(signInAction, {});
  return (
    <form action={action} className="space-y-4">
      <FormMessage ok={state.ok} message={state.message} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div className="space-y-1">
        <label htmlFor="email" className="block font-medium">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.values?.email ?? ""}
          key={state.at}
          className="block w-full rounded-md border border-slate-400 px-3 py-2"
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="password" className="block font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="block w-full rounded-md border border-slate-400 px-3 py-2"
        />
      </div>
      <SubmitButton>Sign in</SubmitButton>
    </form>
  );
}
