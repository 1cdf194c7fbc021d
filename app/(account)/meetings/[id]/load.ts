import "server-only";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth";
import { myMeeting } from "@/lib/meetings/queries";

/** The signed-in owner's meeting, or a 404 that looks the same whether it exists or belongs to someone else. */
export async function ownMeeting(param: string) {
  const user = await requireUser();
  const meeting = await myMeeting(param);
  if (!meeting) notFound();
  return { user, meeting };
}
