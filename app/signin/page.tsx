import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { FormMessage } from "@/app/_components/field";
import { currentUser, signInOptions } from "@/lib/auth";
import { signInWithSso } from "@/lib/auth/actions";
import { safeCallbackUrl } from "@/lib/server/safe-callback";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

type Params = { callbackUrl?: string | string[]; error?: string | string[] };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** What a sign-in through the provider that came back refused says; nothing was created or changed. */
function ssoProblem(error: string, provider: string): string {
  switch (error) {
    case "sso-email-in-use":
      return `An account with your email address already exists here and is not linked to ${provider}. Contact support to have them linked. Nothing was created.`;
    case "sso-no-email":
      return `${provider} did not share your email address, which your Roomdesk account needs. Nothing was created.`;
    case "sso-unavailable":
      return `Sign-in with ${provider} is not available right now. Try again later.`;
    default:
      return `Sign-in with ${provider} did not complete: its answer could not be verified, or the sign-in was cancelled. Nothing was created or changed. Try again.`;
  }
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const target = safeCallbackUrl(first(params.callbackUrl));
  if (await currentUser()) redirect(target);
  const { ssoName, password } = signInOptions();
  const error = first(params.error);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Sign in to Roomdesk</h1>
      {error && ssoName ? <FormMessage ok={false} message={ssoProblem(error, ssoName)} /> : null}
      {ssoName ? (
        <form action={signInWithSso}>
          <input type="hidden" name="callbackUrl" value={target} />
          <button
            type="submit"
            className="w-full rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2"
          >
            Sign in with {ssoName}
          </button>
        </form>
      ) : null}
      {ssoName && password ? (
        <p className="text-center text-sm text-slate-600">or with your email and password</p>
      ) : null}
      {password ? <SignInForm callbackUrl={target} /> : null}
    </div>
  );
}
