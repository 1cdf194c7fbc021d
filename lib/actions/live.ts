"use server";
import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db";
import { hostAction, ownsKey } from "@/lib/live";
import { userAction } from "./safe-action";

const MESSAGES = { start: "Meeting started.", end: "Meeting ended.", lock: "Meeting locked: nobody new can join.", unlock: "Meeting unlocked.", admit: "Admitted.", remove: "Removed." } as const;

/** Start, end, lock, admit, remove: only for the signed-in host's own room or meetings. */
export const hostControl = userAction(
  z.object({
    key: z.string().max(40),
    op: z.enum(["start", "end", "lock", "unlock", "admit", "remove"]),
    attendee: z.coerce.number().int().positive().optional(),
  }),
  (input, user) => {
    const owned = ownsKey(db(), user.id, input.key);
    if (!owned) return { ok: false, message: "That meeting is not yours." };
    if (!hostAction(db(), owned.roomId, input.key, input.op, input.attendee)) return { ok: false, message: "That guest has already left." };
    revalidatePath("/room");
    revalidatePath("/meetings/[id]", "page");
    return { ok: true, message: MESSAGES[input.op] };
  },
);
