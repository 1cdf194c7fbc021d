"use server";
import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { headers } from "next/headers";
import { db } from "@/db";
import { users } from "@/db/schema";
import { unstable_update } from "@/lib/auth";
import { clientAddress } from "@/lib/client-address";
import { hashPassword, verifyPassword } from "@/lib/password";
import { recordFailure, retryAfterMs, waitInWords } from "@/lib/rate-limit";
import { signInCounters } from "@/lib/sign-in-limits";
import { changePasswordSchema } from "@/lib/validation/account";
import { userAction } from "./safe-action";

const PASSWORD_FIELDS = ["currentPassword", "newPassword", "confirmPassword"] as const;

/** Ends every other session: their tokens carry the old version. This one is re-issued with the new one. */
async function bumpSessionVersion(userId: number, passwordHash?: string) {
  db()
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1`, ...(passwordHash ? { passwordHash } : {}) })
    .where(eq(users.id, userId))
    .run();
  await unstable_update({});
}

export const changePassword = userAction(
  changePasswordSchema,
  async ({ currentPassword, newPassword }, user) => {
    // Guessing the current password is guessing a password: it counts against the sign-in limits.
    const counters = signInCounters(user.email, clientAddress(await headers()));
    const wait = await retryAfterMs(db().$client, counters);
    if (wait > 0) return { ok: false, message: `Too many failed attempts. Try again in ${waitInWords(wait)}.` };
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      await recordFailure(db().$client, counters);
      return { ok: false, fieldErrors: { currentPassword: { message: "That is not your current password." } } };
    }
    await bumpSessionVersion(user.id, await hashPassword(newPassword));
    return { ok: true, message: "Password changed. You stay signed in here; other devices are signed out." };
  },
  { secret: PASSWORD_FIELDS },
);

export const signOutEverywhere = userAction(
  z.object({}),
  async (_input, user) => {
    await bumpSessionVersion(user.id);
    return { ok: true, message: "Every other device is signed out. You stay signed in here." };
  },
);
