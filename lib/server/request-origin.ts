import "server-only";
import { headers } from "next/headers";
import type { Origin } from "@/lib/mail/messages";
import { describeBrowser } from "@/lib/server/browser";
import { clientAddress } from "@/lib/server/client-address";

/**
 * Where the request being served comes from, as a security notice tells it: now, the client's address and its
 * browser. `support` names the support person when they, not the owner, made the change.
 */
export async function requestOrigin(support?: { name: string }): Promise<Origin> {
  const h = await headers();
  return {
    at: new Date().toISOString(),
    address: clientAddress(h),
    browser: describeBrowser(h.get("user-agent")),
    ...(support ? { support: support.name } : {}),
  };
}
