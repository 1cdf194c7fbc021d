"use client";
import { useActionState } from "react";
import { voteOnPage } from "@/lib/help/actions";

/** "Was this helpful?" Posts to a server action; with JavaScript off the page comes back with the answer. */
export function WasThisHelpful({ page }: { page: string }) {
  const [state, action, pending] = useActionState(voteOnPage, {});
  return (
    <section aria-labelledby="vote-heading" className="no-print mt-10 rounded-md border border-slate-200 p-4">
      <h2 id="vote-heading" className="font-semibold">
        Was this helpful?
      </h2>
      {state.ok ? (
        <p role="status" className="mt-2 text-sm">
          {state.message}
        </p>
      ) : (
        <form action={action} className="mt-2 flex flex-wrap items-center gap-2">
          <input type="hidden" name="page" value={page} />
          <button
            name="helpful"
            value="yes"
            type="submit"
            disabled={pending}
            className="rounded-md border border-slate-400 px-4 py-1"
          >
            Yes
          </button>
          <button
            name="helpful"
            value="no"
            type="submit"
            disabled={pending}
            className="rounded-md border border-slate-400 px-4 py-1"
          >
            No
          </button>
          {state.message ? (
            <p role="alert" className="w-full text-sm text-red-800">
              {state.message}
            </p>
          ) : null}
        </form>
      )}
    </section>
  );
}
