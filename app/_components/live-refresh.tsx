"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

type Props = {
  every?: number;
  /** A URL answering `{ version }`: the page is rendered again only when that differs from `version`. */
  watch?: string;
  version?: string;
};

/** The version `watch` answers now; null when it refuses (signed out, no longer the host), undefined offline. */
async function versionNow(watch: string): Promise<string | null | undefined> {
  try {
    const res = await fetch(watch, { cache: "no-store" });
    if (!res.ok) return null;
    const body = (await res.json()) as { version?: unknown };
    return typeof body.version === "string" ? body.version : null;
  } catch {
    return undefined;
  }
}

/**
 * Keeps the page live while it is visible: re-renders it from the server every few seconds or, with `watch`,
 * only when what it shows has changed. The state comes from the database, so it is the same whichever server
 * process answers. Without JavaScript, reloading does the same.
 */
export function LiveRefresh({ every = 2000, watch, version }: Props) {
  const router = useRouter();
  useEffect(() => {
    let shown: string | null | undefined = version;
    let asking = false;
    const timer = window.setInterval(async () => {
      if (document.visibilityState !== "visible" || asking) return;
      if (!watch) return router.refresh();
      asking = true;
      const now = await versionNow(watch);
      asking = false;
      // A refusal renders the page too, which shows why (or goes to the sign-in page); once per change.
      if (now !== undefined && now !== shown) {
        shown = now;
        router.refresh();
      }
    }, every);
    return () => window.clearInterval(timer);
  }, [router, every, watch, version]);
  return null;
}
