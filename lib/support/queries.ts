import "server-only";
import { db } from "@/db";
import { requireRole, signInMethodsOf } from "@/lib/auth";
import { roomHistory } from "@/lib/room/queries";
import { findUser, logAccess, voteTotals } from "@/lib/support/service";

/** A support look-up: the account, its room and its history. Every look-up is logged, found or not. */
export async function lookUp(query: string) {
  const staff = await requireRole("support");
  const found = await findUser(db(), query);
  await logAccess(db(), { supportUserId: staff.id, targetUserId: found?.user.id ?? null, query });
  if (!found) return null;
  return { ...found, history: await roomHistory(db(), found.room.id), signIn: await signInMethodsOf(found.user) };
}

export async function helpfulTotals() {
  await requireRole("support");
  return voteTotals(db());
}
