import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/db";
import { currentUser, requireUser } from "@/lib/auth";
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

/** A short digest of what the host panel shows: it changes exactly when the panel would. */
export function liveFingerprint(live: Awaited<ReturnType<typeof liveState>>): string {
  const ids = (people: Array<{ id: number }>) => people.map((p) => p.id).join(",");
  const shown = `${live.started}|${live.locked}|${ids(live.waiting)}|${ids(live.admitted)}`;
  return createHash("sha256").update(shown).digest("base64url").slice(0, 16);
}

/** The host panel's fingerprint for its host, polled instead of rendering the page again; null for anyone else. */
export async function liveVersion(key: string): Promise<string | null> {
  const user = await currentUser();
  const owned = user ? await ownsKey(db(), user.id, key) : null;
  return owned ? liveFingerprint(await liveState(db(), owned.key)) : null;
}
