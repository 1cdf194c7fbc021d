import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { continueTarget, signInOptions } from "@/lib/auth";

export const metadata: Metadata = { title: "Continue to sign in", robots: { index: false } };

/**
 * Without JavaScript, "Sign in with <provider>" lands here: a form's redirect to another site is stopped by
 * the Content-Security-Policy (form-action 'self'), a page's refresh or a link is not.
 */
export default async function ContinueToProvider({
  searchParams,
}: {
  searchParams: Promise<{ to?: string | string[] }>;
}) {
  const { to } = await searchParams;
  const target = await continueTarget(Array.isArray(to) ? to[0] : to);
  if (!target) redirect("/signin?error=sso-unavailable");
  const name = signInOptions().ssoName ?? "your organization";
  return (
    <div className="mx-auto max-w-md space-y-4">
      <meta httpEquiv="refresh" content={`0;url=${target}`} />
      <h1 className="text-2xl font-bold">Continue to {name}</h1>
      <p>
        <a href={target} className="font-medium underline">
          Continue to sign in with {name}
        </a>
      </p>
    </div>
  );
}
