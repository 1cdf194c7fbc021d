"use client";
import { useEffect, useState } from "react";
import { writeClipboard } from "@/app/_components/use-copy";

const CONTROL = "a[data-copy-link]";
const RESET_MS = 2500;

function controlFor(target: EventTarget | null): HTMLAnchorElement | null {
  return target instanceof Element ? target.closest<HTMLAnchorElement>(CONTROL) : null;
}

/**
 * The page's only copy-link script: one listener for every CopyLink, however many the article has, so the
 * article itself stays static markup. Each link becomes a button that copies its absolute URL; the one
 * status region below announces the outcome.
 */
export function CopyLinkHandler() {
  const [message, setMessage] = useState("");

  useEffect(() => {
    const controls = [...document.querySelectorAll<HTMLAnchorElement>(CONTROL)];
    // With JavaScript it copies instead of going to the anchor: say so to assistive technology.
    for (const control of controls) control.setAttribute("role", "button");
    const timers = new Map<HTMLAnchorElement, number>();
    let announcement = 0;

    const originals = new Map<HTMLAnchorElement, string>();
    const showCopied = (control: HTMLAnchorElement, copied: boolean) => {
      const text = control.firstChild;
      if (!(text instanceof Text)) return;
      const original = originals.get(control) ?? text.data;
      originals.set(control, original);
      text.data = copied ? "Copied" : original;
    };

    const copy = async (control: HTMLAnchorElement) => {
      const ok = await writeClipboard(new URL(control.getAttribute("href") ?? "", window.location.href).toString());
      window.clearTimeout(timers.get(control));
      window.clearTimeout(announcement);
      showCopied(control, ok);
      setMessage(ok ? "Link copied" : "Could not copy the link");
      timers.set(
        control,
        window.setTimeout(() => showCopied(control, false), RESET_MS),
      );
      announcement = window.setTimeout(() => setMessage(""), RESET_MS);
    };

    const onClick = (event: MouseEvent) => {
      const control = controlFor(event.target);
      // A modified or middle click still opens or copies the link the browser's own way.
      if (!control || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      void copy(control);
    };
    // Buttons also answer the space bar; links only answer Enter, which arrives here as a click.
    const onKeyDown = (event: KeyboardEvent) => {
      const control = controlFor(event.target);
      if (!control || event.key !== " ") return;
      event.preventDefault();
      void copy(control);
    };

    document.addEventListener("click", onClick);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("click", onClick);
      document.removeEventListener("keydown", onKeyDown);
      for (const control of controls) control.removeAttribute("role");
      for (const [control, timer] of timers) {
        window.clearTimeout(timer);
        showCopied(control, false);
      }
      window.clearTimeout(announcement);
    };
  }, []);

  return (
    <p role="status" className="sr-only">
      {message}
    </p>
  );
}
