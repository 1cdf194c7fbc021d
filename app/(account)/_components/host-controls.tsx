"use client";
import { useActionState } from "react";
import { hostControl } from "@/lib/join/actions";
import type { HostOp } from "@/lib/join/live";

type Props = { liveKey: string; op: HostOp; label: string; attendee?: number; labelFor?: string; primary?: boolean };

/** One host action as its own small form, so each button works without JavaScript too. */
export function HostButton({ liveKey, op, label, attendee, labelFor, primary }: Props) {
  const [state, action, pending] = useActionState(hostControl, {});
  return (
    <form action={action} className="inline">
      <input type="hidden" name="key" value={liveKey} />
      <input type="hidden" name="op" value={op} />
      {attendee ? <input type="hidden" name="attendee" value={attendee} /> : null}
      <button
        type="submit"
        disabled={pending}
        className={
          primary
            ? "rounded-md bg-brand-700 px-3 py-1 font-medium text-white"
            : "rounded-md border border-slate-400 px-3 py-1"
        }
      >
        {label}
        {labelFor ? <span className="sr-only"> {labelFor}</span> : null}
      </button>
      {state.ok === false && state.message ? (
        <span role="alert" className="ml-2 text-sm text-red-800">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
