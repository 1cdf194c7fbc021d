"use server";
import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db";
import { HOST_OPS, hostAction, ownsKey, type HostOp } from "@/lib/join/live";
import { userAction } from "@/lib/server/action";

const MESSAGES: Record<HostOp, string> = {
  start: "Meeting started.",
  end: "Meeting ended.",
  lock: "Meeting locked: nobody new can join.",
  unlock: "Meeting unlocked.",
  admit: "Admitted.",
  remove: "Removed.",
  "remove-waiting": "Everyone waiting was removed.",
};

/** Start, end, lock, admit, remove: only for the signed-in host's own room or meetings. */
export const hostControl = userAction(
  z.object({
    key: z.string().max(40),
    op: z.enum(HOST_OPS),
    // Decimal digits only: Number() would also read "0x1", "1e0" and " 1".
    attendee: z
      .string()
      .regex(/^[1-9][0-9]{0,14}$/)
      .transform(Number)
      .optional(),
  }),
  async (input, user) => {
    const owned = await ownsKey(db(), user.id, input.key);
    if (!owned) return { ok: false, message: "That meeting is not yours." };
    if (!(await hostAction(db(), owned.roomId, owned.key, input.op, input.attendee)))
      return { ok: false, message: "That guest has already left." };
    revalidatePath("/room");
    revalidatePath("/meetings/[id]", "page");
    return { ok: true, message: MESSAGES[input.op] };
  },
);
