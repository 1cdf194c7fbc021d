"use server";
import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db";
import { sendAnswer as send } from "@/lib/support/send";
import { secureUserRoom as secure } from "@/lib/support/service";
import { userById } from "@/lib/auth/users";
import { userAction } from "@/lib/server/action";
import { requestOrigin } from "@/lib/server/request-origin";
import { sendAnswerSchema } from "@/lib/validation/support";

/**
 * "Secure this room" for a user who reports an intrusion. The support person comes from the session and
 * the role is re-read from the database; the form names only which account to secure. Nothing else about
 * a room can be changed from the support console.
 */
export const secureUserRoom = userAction(
  z.object({ user: z.coerce.number().int().positive(), confirm: z.literal("yes", { error: "Confirm first." }) }),
  async (input, staff) => {
    const target = await userById(db(), input.user);
    if (!target) return { ok: false, message: "That account does not exist." };
    await secure(db(), target, staff.id, await requestOrigin({ name: staff.name }));
    redirect(`/support?find=${encodeURIComponent(target.email)}&secured=1`);
  },
  { role: "support" },
);

/** "Send to a user": the form names the answer by its path and the user as support would look them up. */
export const sendAnswer = userAction(
  sendAnswerSchema,
  async (input, staff) => {
    const outcome = await send(db(), staff, input);
    if (!outcome.ok) {
      if (outcome.field === "user")
        return { ok: false, message: "Nothing was sent.", fieldErrors: { user: { message: outcome.message } } };
      return { ok: false, message: outcome.message };
    }
    // The look-up card lists the answer at once.
    revalidatePath("/support");
    return { ok: true, message: `Sent “${outcome.title}” to ${outcome.to.name} (${outcome.to.email}).` };
  },
  { role: "support" },
);
