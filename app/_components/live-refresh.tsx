"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Re-renders the page from the server every few seconds while it is visible. The state comes from the
 * database, so it is the same whichever server process answers. Without JavaScript, reloading does the same.
 */
export function LiveRefresh({ every = 2000 }: { every?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, every);
    return () => window.clearInterval(timer);
  }, [router, every]);
  return null;
}
