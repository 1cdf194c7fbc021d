"use client";
import { useActionState, useState } from "react";
import { secureMyRoom } from "@/lib/room/actions";
import { FormMessage } from "@/app/_components/field";

export function SecureRoomExplainer() {
  return (
    <ul className="list-disc space-y-1 pl-6 text-sm">
      <li>a new, generated Personal Meeting ID</li>
      <li>a new personal link: your current one with random letters added</li>
      <li>a new passcode</li>
      <li>the waiting room on, and join before host off</li>
      <li>
        the meeting in your room ends: everyone in it or waiting is removed, and has to join again with the new details
      </li>
    </ul>
  );
}

export function ConfirmSecureForm({ onCancel }: { onCancel?: () => void }) {
  const [state, action] = useActionState(secureMyRoom, {});
  return (
    <form action={action} className="space-y-3">
      <FormMessage ok={state.ok} message={state.message} />
      <input type="hidden" name="confirm" value="yes" />
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="rounded-md bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800">
          Yes, secure my room
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel} className="rounded-md border border-slate-400 px-4 py-2">
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

/**
 * "Secure my room" asks for a confirmation first. With JavaScript the question appears here; without it,
 * the button is a plain GET to /room/secure, a page that asks the same question.
 */
export function SecureRoom() {
  const [confirming, setConfirming] = useState(false);
  if (confirming) {
    return (
      <div
        role="group"
        aria-labelledby="secure-confirm"
        className="space-y-3 rounded-md border border-red-300 bg-red-50 p-4"
      >
        <p id="secure-confirm" className="font-semibold">
          Secure your room now? Everyone with your current ID, link or passcode loses access. You get:
        </p>
        <SecureRoomExplainer />
        <ConfirmSecureForm onCancel={() => setConfirming(false)} />
      </div>
    );
  }
  return (
    <form
      action="/room/secure"
      method="get"
      onSubmit={(e) => {
        e.preventDefault();
        setConfirming(true);
      }}
    >
      <button
        type="submit"
        className="rounded-md border border-red-700 px-4 py-2 font-medium text-red-800 hover:bg-red-50"
      >
        Secure my room
      </button>
    </form>
  );
}
