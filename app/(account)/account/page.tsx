import type { Metadata } from "next";
import { requireUser } from "@/lib/auth";
import { UserBar } from "@/app/_components/user-bar";
import { ChangePasswordForm, SignOutEverywhereForm } from "./account-forms";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser();
  return (
    <div className="space-y-8">
      <UserBar user={user} />
      <h1 className="text-2xl font-bold">Account</h1>
      <section aria-labelledby="password-heading" className="space-y-3">
        <h2 id="password-heading" className="text-xl font-semibold">
          Change your password
        </h2>
        <p className="text-sm text-slate-700">
          Your account password signs you in to Roomdesk. It is not your room&apos;s passcode. Use 12 to 128 characters;
          a long phrase is easiest to remember. Changing it signs out your other devices.
        </p>
        <ChangePasswordForm />
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
