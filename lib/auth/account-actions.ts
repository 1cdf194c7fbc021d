"use server";
import "server-only";
import { z } from "zod";
import { headers } from "next/headers";
import { db } from "@/db";
import { deviceCookie, unstable_update } from "@/lib/auth";
import { clientAddress } from "@/lib/server/client-address";
import { deviceFor } from "@/lib/auth/device-cookie";
import { authSecret } from "@/lib/server/env";
import { BUSY_RETRY_MS, VerifyUnavailable, hashPassword, verifyPassword } from "@/lib/auth/password";
import { release, reserve, waitInWords } from "@/lib/server/rate-limit";
import { replaceAllSessions } from "@/lib/auth/sessions";
import { setPasswordHash } from "@/lib/auth/users";
import { signInCounters } from "@/lib/auth/sign-in-limits";
import { passwordSignIn } from "@/lib/auth/sso";
import { changePasswordSchema } from "@/lib/validation/account";
import { userAction } from "@/lib/server/action";
import { requestOrigin } from "@/lib/server/request-origin";

const PASSWORD_FIELDS = ["currentPassword", "newPassword", "confirmPassword"] as const;

/**
 * Ends every session of the user, including copies of this browser's cookie, and moves this browser onto a
 * fresh session so it stays signed in. A new password hash is stored in the same transaction.
 */
async function endEverySession(userId: number, passwordHash?: string) {
  const origin = await requestOrigin();
  const sid = await replaceAllSessions(db(), userId, (tx) =>
    passwordHash ? setPasswordHash(tx, userId, passwordHash, origin) : Promise.resolve(),
  );
  await unstable_update({ sid });
}

export const changePassword = userAction(
  changePasswordSchema,
  async ({ currentPassword, newPassword }, user) => {
    if (user.passwordHash === null || !passwordSignIn())
      return { ok: false, message: "Your account has no password here: you sign in through your organization." };
    // Guessing the current password is guessing a password: it counts against the sign-in limits.
    const device = deviceFor(await deviceCookie(), user.email, authSecret());
    const counters = signInCounters(user.email, clientAddress(await headers()), device);
    // Counted before the check, so that a burst cannot slip past the limit; a right password gives it back.
    const attempt = await reserve(db(), counters);
    if (attempt.wait > 0)
      return { ok: false, message: `Too many failed attempts. Try again in ${waitInWords(attempt.wait)}.` };
    const ok = await verifyPassword(user.passwordHash, currentPassword, device ? "known" : "unknown").catch((error) => {
      if (error instanceof VerifyUnavailable) return null;
      throw error;
    });
    if (ok === null) {
      await release(db(), attempt);
      return { ok: false, message: `Too many sign-ins right now. Try again in ${waitInWords(BUSY_RETRY_MS)}.` };
    }
    if (!ok) return { ok: false, fieldErrors: { currentPassword: { message: "That is not your current password." } } };
    await release(db(), attempt);
    await endEverySession(user.id, await hashPassword(newPassword));
    return { ok: true, message: "Password changed. You stay signed in here; other devices are signed out." };
  },
  { secret: PASSWORD_FIELDS },
);

export const signOutEverywhere = userAction(z.object({}), async (_input, user) => {
  await endEverySession(user.id);
  return { ok: true, message: "Every other device is signed out. You stay signed in here." };
});
