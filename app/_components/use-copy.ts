"use client";
import { useState, useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** Puts text on the clipboard; false when the browser refused both ways. */
export async function writeClipboard(text: string): Promise<boolean> {
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
 * What every copy button shares: whether JavaScript is running yet (before that there is nothing to press),
 * the copy itself with a fallback, and a "copied" state that clears after a moment.
 */
export function useCopy() {
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async (text: string) => {
    setState((await writeClipboard(text)) ? "copied" : "failed");
    window.setTimeout(() => setState("idle"), 2500);
  };
  return { hydrated, state, copy };
}
