import "server-only";
import { db } from "@/db";
import { requireUser } from "@/lib/auth";
import { guestState, resolveTarget, type GuestState, type JoinKind, type Target } from "@/lib/join/service";
import { liveState, ownsKey } from "@/lib/join/live";

/** Where this browser's guest stands in the room an ID or link leads to; null until it got past the passcode. */
export async function guestView(
  kind: JoinKind,
  raw: string,
  token: string | undefined,
): Promise<{ target: Target; state: GuestState } | null> {
  if (!token) return null;
  const target = await resolveTarget(db(), kind, raw);
  const state = target ? await guestState(db(), target, token) : null;
  return target && state ? { target, state } : null;
}

/** The live state of a room or meeting, for its host only. */
export async function hostView(key: string) {
  const user = await requireUser();
  const owned = await ownsKey(db(), user.id, key);
  return owned ? liveState(db(), owned.key) : null;
}
