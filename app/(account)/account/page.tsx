import type { Metadata } from "next";
import { requireUser, signInMethodsOf, signInOptions } from "@/lib/auth";
import { UserBar } from "@/app/_components/user-bar";
import { ChangePasswordForm, SignOutEverywhereForm } from "./account-forms";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser();
  const methods = await signInMethodsOf(user);
  const { ssoName, password } = signInOptions();
  const provider = ssoName ?? "your organization";
  return (
    <div className="space-y-8">
      <UserBar user={user} />
      <h1 className="text-2xl font-bold">Account</h1>
      <section aria-labelledby="password-heading" className="space-y-3">
        <h2 id="password-heading" className="text-xl font-semibold">
          Change your password
        </h2>
        {methods.password && password ? (
          <>
            <p className="text-sm text-slate-700">
              Your account password signs you in to Roomdesk. It is not your room&apos;s passcode. Use 12 to 128
              characters; a long phrase is easiest to remember. Changing it signs out your other devices.
              {methods.sso ? ` You can also sign in with ${provider}.` : ""}
            </p>
            <ChangePasswordForm />
          </>
        ) : (
          <p className="text-sm text-slate-700" data-testid="no-password">
            {methods.sso
              ? `You sign in with ${provider}. Your Roomdesk account has no password of its own, so there is none to change here: change it at ${provider}.`
              : "Password sign-in is turned off on this site."}
          </p>
        )}
      </section>
      <section aria-labelledby="devices-heading" className="space-y-3">
        <h2 id="devices-heading" className="text-xl font-semibold">
          Devices
        </h2>
        <p className="text-sm text-slate-700">
          Signed in on a shared or lost device? End every session except this one.
        </p>
        <SignOutEverywhereForm />
      </section>
    </div>
  );
}
