"use client";
import { useActionState } from "react";
import { removeMeeting } from "@/lib/meetings/actions";
import { FormMessage } from "@/app/_components/field";

/** Delete, behind a disclosure that asks first (a native <details>, so it works without JavaScript too). */
export function DeleteMeeting({ meeting }: { meeting: number }) {
  const [state, action] = useActionState(removeMeeting, {});
  return (
    <details className="rounded-md border border-red-300 p-3">
      <summary className="cursor-pointer font-medium text-red-800">Delete meeting</summary>
      <form action={action} className="mt-3 space-y-2">
        <FormMessage ok={state.ok} message={state.message} />
        <p className="text-sm">Guests with the invitation will no longer be able to join. This cannot be undone.</p>
        <input type="hidden" name="meeting" value={meeting} />
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" className="rounded-md bg-red-700 px-4 py-2 font-medium text-white">
          Yes, delete it
        </button>
      </form>
    </details>
  );
}
