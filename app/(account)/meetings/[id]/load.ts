import "server-only";
import { notFound } from "next/navigation";
import { db } from "@/db";
import { requireUser } from "@/lib/auth";
import { meetingForOwner } from "@/lib/meetings";

/** The signed-in owner's meeting, or a 404 that looks the same whether it exists or belongs to someone else. */
export async function ownMeeting(param: string) {
  const user = await requireUser();
  const id = /^\d{1,12}$/.test(param) ? Number(param) : NaN;
  const meeting = Number.isSafeInteger(id) ? meetingForOwner(db(), user.id, id) : null;
  if (!meeting) notFound();
  return { user, meeting };
}
