"use client";
import { useState } from "react";

/** A copy button for a piece of text that is also shown on the page (so it can be selected without JavaScript). */
export function CopyText({ text, label, className }: { text: string; label: string; className?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={className ?? "rounded-md border border-slate-400 px-3 py-1 text-sm"}
      onClick={async () => {
        await navigator.clipboard.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        );
        window.setTimeout(() => setCopied(false), 2500);
      }}
    >
      {copied ? "Copied" : label}
      <span role="status" className="sr-only">{copied ? "Copied to the clipboard" : ""}</span>
    </button>
  );
}
