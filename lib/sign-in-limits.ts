import "server-only";
import { env } from "@/lib/env";
import { limitKey, type Counted, type Limit } from "@/lib/rate-limit";

/**
 * Failed sign-ins are counted three ways (SPEC §7). Per (account, client) stops one attacker quickly without
 * touching the real user on another address; per client stops one address spraying many accounts; per
 * account across all clients caps a distributed attack on one account at ASVS's 100 failures an hour. The
 * windows are fixed, so a lock-out a stranger causes ends when its window does, and the owner's own address
 * keeps its separate, smaller counter.
 */
export function signInCounters(email: string, client: string): Counted[] {
  const e = env();
  const accountClient: Limit = { name: "signin-ac", points: e.SIGNIN_LIMIT_ACCOUNT_CLIENT, seconds: e.SIGNIN_WINDOW_ACCOUNT_CLIENT_SECONDS };
  const perClient: Limit = { name: "signin-c", points: e.SIGNIN_LIMIT_CLIENT, seconds: e.SIGNIN_WINDOW_CLIENT_SECONDS };
  const perAccount: Limit = { name: "signin-a", points: e.SIGNIN_LIMIT_ACCOUNT, seconds: e.SIGNIN_WINDOW_ACCOUNT_SECONDS };
  return [
    { limit: accountClient, key: limitKey(email, client) },
    { limit: perClient, key: limitKey(client) },
    { limit: perAccount, key: limitKey(email) },
  ];
}
