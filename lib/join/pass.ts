import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/server/env";

/**
 * A browser that got into a room keeps a signed pass for it: `<epoch>.<nonce>.<mac>`. With a valid pass it
 * is judged by its own failures only, so strangers guessing at the room cannot shut out people who have been
 * in it before (the device-cookie idea from OWASP's "Slow Down Online Guessing Attacks"). The room's guest
 * epoch is signed in: "Secure my room" bumps it, and every pass issued before stops working.
 */
export const PASS_MAX_AGE_SECONDS = 90 * 24 * 60 * 60;

let key: Buffer | undefined;
const passKey = () => (key ??= createHmac("sha256", authSecret()).update("roomdesk join pass").digest());

const mac = (liveKey: string, epoch: number, nonce: string) =>
  createHmac("sha256", passKey()).update(`${liveKey}\u0000${epoch}\u0000${nonce}`).digest("base64url");

/** One cookie per room or meeting: `room:12` -> `rd_pass_room_12`. */
export const passCookieName = (liveKey: string) => `rd_pass_${liveKey.replace(":", "_")}`;

export function issuePass(liveKey: string, epoch: number, nonce = randomBytes(16).toString("base64url")): string {
  return `${epoch}.${nonce}.${mac(liveKey, epoch, nonce)}`;
}

/** The pass's nonce (its own counter's key) when it was issued for this room at its current epoch, else null. */
export function readPass(value: string | undefined, liveKey: string, epoch: number): string | null {
  const match = value ? /^(\d{1,9})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(value) : null;
  if (!match || Number(match[1]) !== epoch) return null;
  const expected = Buffer.from(mac(liveKey, epoch, match[2]!));
  const given = Buffer.from(match[3]!);
  return timingSafeEqual(expected, given) ? match[2]! : null;
}
