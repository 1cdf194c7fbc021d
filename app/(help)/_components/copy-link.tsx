"use client";
import { useCopy } from "@/app/_components/use-copy";

/**
 * "Copy link": a button that puts the absolute URL on the clipboard and says "Copied". Before hydration,
 * or without JavaScript, it is a plain link to the same address, so it still leads somewhere useful.
 */
export function CopyLink({ href, label, text = "Copy link" }: { href: string; label: string; text?: string }) {
  const { hydrated, state, copy } = useCopy();
  const className =
    "no-print inline-flex items-center rounded border border-slate-300 px-2 py-0.5 " +
    "text-xs font-normal text-slate-700 no-underline hover:bg-slate-50";
  if (!hydrated) {
    return (
      <a href={href} className={className}>
        {text}
        <span className="sr-only"> to {label}</span>
      </a>
    );
  }
  return (
    <>
      <button type="button" className={className} onClick={() => copy(new URL(href, window.location.href).toString())}>
        {state === "copied" ? "Copied" : text}
        <span className="sr-only"> to {label}</span>
      </button>
      <span role="status" className="sr-only">
        {state === "copied" ? "Link copied" : state === "failed" ? "Could not copy the link" : ""}
      </span>
    </>
  );
}
