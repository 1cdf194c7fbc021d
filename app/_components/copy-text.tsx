"use client";
import { useCopy } from "@/app/_components/use-copy";

/**
 * A copy button for text that is also on the page. It appears only once JavaScript runs: without it there
 * is nothing to press, and the text itself stays selectable.
 */
export function CopyText({ text, label, className }: { text: string; label: string; className?: string }) {
  const { hydrated, state, copy } = useCopy();
  const copied = state === "copied";
  if (!hydrated) return null;
  return (
    <button
      type="button"
      className={className ?? "rounded-md border border-slate-400 px-3 py-1 text-sm"}
      onClick={() => copy(text)}
    >
      {copied ? "Copied" : label}
      <span role="status" className="sr-only">
        {copied ? "Copied to the clipboard" : ""}
      </span>
    </button>
  );
}
