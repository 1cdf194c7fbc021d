import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth";
import { UserBar } from "@/app/_components/user-bar";
import { ConfirmSecureForm, SecureRoomExplainer } from "../secure-room";

export const metadata: Metadata = { title: "Secure my room" };

// The confirmation step of "Secure my room" for browsers without JavaScript.
export default async function SecureRoomPage() {
  const user = await requireUser();
  return (
    <div className="max-w-2xl space-y-4">
      <UserBar user={user} />
      <h1 className="text-3xl font-bold">Secure my room</h1>
      <p>Everyone with your current ID, link or passcode loses access at once. You get:</p>
      <SecureRoomExplainer />
      <ConfirmSecureForm />
      <p>
        <Link href="/room">Cancel and go back to My room</Link>
      </p>
    </div>
  );
}
