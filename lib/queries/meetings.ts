import "server-only";
import { db } from "@/db";
import { requireUser } from "@/lib/auth";
import { lastTimeZone, meetingForOwner, meetingsForOwner, type MeetingView } from "@/lib/meetings";

/** The signed-in owner's meeting by its record id as it appears in a URL; null for anyone else's or none. */
export async function myMeeting(param: string): Promise<MeetingView | null> {
  const user = await requireUser();
  const id = /^\d{1,12}$/.test(param) ? Number(param) : NaN;
  return Number.isSafeInteger(id) ? meetingForOwner(db(), user.id, id) : null;
}

export async function myMeetings() {
  const user = await requireUser();
  return meetingsForOwner(db(), user.id);
}

/** The zone of the owner's last scheduled meeting: the scheduling form's default. */
export async function myLastTimeZone(): Promise<string | null> {
  const user = await requireUser();
  return lastTimeZone(db(), user.id);
}
