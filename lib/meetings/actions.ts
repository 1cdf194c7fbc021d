"use server";
import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db";
import { createMeeting, deleteMeeting, updateMeeting } from "@/lib/meetings/service";
import { meetingSchema } from "@/lib/validation/meeting";
import { userAction } from "@/lib/server/action";
import { requestOrigin } from "@/lib/server/request-origin";

const NOT_FOUND = "That meeting does not exist or is not yours.";
const recordId = (formData: FormData) => z.coerce.number().int().positive().safeParse(formData.get("meeting"));

export const scheduleMeeting = userAction(meetingSchema, async (input, user) => {
  const meeting = await createMeeting(db(), user.id, input);
  revalidatePath("/meetings");
  redirect(`/meetings/${meeting.id}?scheduled=1`);
});

/** The meeting's record id comes from the form, but only the signed-in owner's meetings can match it. */
export const editMeeting = userAction(meetingSchema, async (input, user, formData) => {
  const id = recordId(formData);
  const meeting = id.success ? await updateMeeting(db(), user.id, id.data, input, await requestOrigin()) : null;
  if (!meeting) return { ok: false, message: NOT_FOUND };
  revalidatePath("/meetings");
  redirect(`/meetings/${meeting.id}?saved=1`);
});

export const removeMeeting = userAction(
  z.object({ meeting: z.coerce.number().int().positive(), confirm: z.literal("yes") }),
  async (input, user) => {
    if (!(await deleteMeeting(db(), user.id, input.meeting))) return { ok: false, message: NOT_FOUND };
    revalidatePath("/meetings");
    redirect("/meetings?deleted=1");
  },
);
