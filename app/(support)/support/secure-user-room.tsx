"use client";
import { useActionState } from "react";
import { secureUserRoom } from "@/lib/support/actions";
import { FormMessage } from "@/app/_components/field";

/** "Secure this room", behind a native <details> confirmation (works without JavaScript). */
export function SecureUserRoom({ userId, name }: { userId: number; name: string }) {
  const [state, action] = useActionState(secureUserRoom, {});
  return (
    <details className="rounded-md border border-red-300 p-3">
      <summary className="cursor-pointer font-medium text-red-800">Secure this room</summary>
      <form action={action} className="mt-2 space-y-2">
        <FormMessage ok={state.ok} message={state.message} />
        <p className="text-sm">
          Replaces {name}&apos;s Personal Meeting ID, link and passcode, turns the waiting room on and join before host
          off, and ends the meeting in the room: everyone in it or waiting is removed. {name} sees on their room page
          that support did this, and when.
        </p>
        <input type="hidden" name="user" value={userId} />
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" className="rounded-md bg-red-700 px-4 py-2 font-medium text-white">
          Yes, secure this room
        </button>
      </form>
    </details>
  );
}
