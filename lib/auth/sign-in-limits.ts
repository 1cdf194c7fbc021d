import "server-only";
import { env } from "@/lib/server/env";
import { limitKey, type Counted, type Limit } from "@/lib/server/rate-limit";

/**
 * Failed sign-ins are counted three ways (SPEC §7). Per (account, client) stops one attacker quickly without
 * touching the real user on another address; per client stops one address spraying many accounts. The third
 * depends on the browser: one that carries a device cookie for the account (lib/device-cookie.ts) is counted
 * on its own, so strangers' failures never lock it out; every other browser shares the per-account counter,
 * which caps a distributed attack on one account at ASVS's 100 failures an hour. The windows are fixed, so
 * any lock-out ends when its window does.
 */
export function signInCounters(email: string, client: string, device: string | null = null): Counted[] {
  const e = env();
  const accountClient: Limit = {
    name: "signin-ac",
    points: e.SIGNIN_LIMIT_ACCOUNT_CLIENT,
    seconds: e.SIGNIN_WINDOW_ACCOUNT_CLIENT_SECONDS,
  };
  const perClient: Limit = { name: "signin-c", points: e.SIGNIN_LIMIT_CLIENT, seconds: e.SIGNIN_WINDOW_CLIENT_SECONDS };
  const perAccount: Limit = {
    name: "signin-a",
    points: e.SIGNIN_LIMIT_ACCOUNT,
    seconds: e.SIGNIN_WINDOW_ACCOUNT_SECONDS,
  };
  const perDevice: Limit = { name: "signin-d", points: e.SIGNIN_LIMIT_DEVICE, seconds: e.SIGNIN_WINDOW_DEVICE_SECONDS };
  return [
    { limit: accountClient, key: limitKey(email, client) },
    { limit: perClient, key: limitKey(client) },
    device ? { limit: perDevice, key: limitKey(device) } : { limit: perAccount, key: limitKey(email) },
  ];
}
