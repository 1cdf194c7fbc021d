"use client";
import { useState, useSyncExternalStore } from "react";

const subscribe = () => () => {};

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No Clipboard API (plain-HTTP origin, older browser): the selection-based copy still works.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

/**
 * "Copy link": a button that puts the absolute URL on the clipboard and says "Copied". Before hydration,
 * or without JavaScript, it is a plain link to the same address, so it still leads somewhere useful.
 */
export function CopyLink({ href, label, text = "Copy link" }: { href: string; label: string; text?: string }) {
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
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
      <button
        type="button"
        className={className}
        onClick={async () => {
          const ok = await copy(new URL(href, window.location.href).toString());
          setState(ok ? "copied" : "failed");
          window.setTimeout(() => setState("idle"), 2500);
        }}
      >
        {state === "copied" ? "Copied" : text}
        <span className="sr-only"> to {label}</span>
      </button>
      <span role="status" className="sr-only">
        {state === "copied" ? "Link copied" : state === "failed" ? "Could not copy the link" : ""}
      </span>
    </>
  );
}
