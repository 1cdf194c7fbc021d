"use client";

/**
 * What a page that failed shows: a plain message and a way back, never a stack. The server has logged the
 * error; its digest lets support find that entry in the log.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p>This page could not be shown. Nothing you entered was lost on our side; try again in a moment.</p>
      {error.digest ? <p className="text-sm text-slate-600">Reference for support: {error.digest}</p> : null}
      <div className="flex flex-wrap gap-3">
        <button type="button" onClick={reset} className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white">
          Try again
        </button>
        <a href="/" className="rounded-md border border-slate-400 px-4 py-2">
          Go home
        </a>
        <a href="/help" className="rounded-md border border-slate-400 px-4 py-2">
          Help centre
        </a>
      </div>
    </div>
  );
}
