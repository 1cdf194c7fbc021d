"use server";
import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db";
import { env } from "@/lib/server/env";
import { limitKey, recordFailure, retryAfterMs, waitInWords, type Counted } from "@/lib/server/rate-limit";
import type { Room, User } from "@/db/schema";
import { changeIdentity, changeSettings, secureRoom, type Recorded, type Refusal } from "@/lib/room/service";
import { describeEntry } from "@/lib/room/history";
import { roomView, type RoomSaved } from "@/lib/room/view";
import { siteOrigin } from "@/lib/server/site";
import { ruleError, type FieldErrors } from "@/lib/validation/errors";
import { roomIdentitySchema, roomSettingsSchema } from "@/lib/validation/room";
import { userAction, type ActionState } from "@/lib/server/action";
import { requestOrigin } from "@/lib/server/request-origin";

function refusalsToErrors(refusals: Refusal[]): FieldErrors {
  return Object.fromEntries(refusals.map((r) => [r.field, ruleError(r.rule)]));
}

/**
 * The saved room goes back with the answer and the page shows it from there: re-rendering /room for every save
 * cost more than the save itself. Without JavaScript, Next renders the page after the action anyway.
 */
async function saved(user: User, outcome: { room: Room; entry?: Recorded; before: Date }): Promise<RoomSaved> {
  return {
    room: roomView(outcome.room, user.name, await siteOrigin()),
    entry: outcome.entry && describeEntry({ ...outcome.entry, actor: user }, user.id),
    before: outcome.before.getTime(),
  };
}

/**
 * "In use" answers tell whether a PMI or link exists, which the join pages hide; past this many an hour an
 * account gets no answer at all (a free value would tell as much as a taken one).
 */
function claimCounter(userId: number): Counted {
  const e = env();
  return {
    limit: { name: "room-claim", points: e.ROOM_CLAIM_LIMIT, seconds: e.ROOM_CLAIM_WINDOW_SECONDS },
    key: limitKey(String(userId)),
  };
}

/** Saves the PMI and the personal link together: both change or neither does. */
export const updateRoomIdentity = userAction(
  roomIdentitySchema,
  async (input, user): Promise<ActionState<RoomSaved>> => {
    // Checked, then counted only when the answer was "taken": an owner's saves are not guesses, and a save cut
    // short by a server that died must not hold a point for the hour.
    const counter = claimCounter(user.id);
    const wait = await retryAfterMs(db(), [counter]);
    if (wait > 0)
      return {
        ok: false,
        message:
          "Too many tries with IDs or links that are taken. Nothing was changed. " +
          `Try again in ${waitInWords(wait)}.`,
      };
    const outcome = await changeIdentity(db(), user.id, user.id, input, await requestOrigin());
    if (!outcome.ok) {
      if (outcome.refusals.some((r) => r.rule === "pmi-in-use" || r.rule === "link-in-use"))
        await recordFailure(db(), [counter]);
      return { ok: false, message: "Nothing was changed.", fieldErrors: refusalsToErrors(outcome.refusals) };
    }
    return {
      ok: true,
      message:
        outcome.changed.length > 0
          ? "Saved. Your new Personal Meeting ID and link work now; the old ones no longer do."
          : "Nothing to change.",
      result: await saved(user, outcome),
    };
  },
);

export const updateRoomSettings = userAction(
  roomSettingsSchema,
  async (input, user): Promise<ActionState<RoomSaved>> => {
    const outcome = await changeSettings(db(), user.id, user.id, input, await requestOrigin());
    if (!outcome.ok)
      return { ok: false, message: "Nothing was changed.", fieldErrors: refusalsToErrors(outcome.refusals) };
    return {
      ok: true,
      message: outcome.changed.length > 0 ? "Saved." : "Nothing to change.",
      result: await saved(user, outcome),
    };
  },
);

/** The intrusion reset. Confirmed on the page (or on /room/secure without JavaScript) before it runs. */
export const secureMyRoom = userAction(
  z.object({ confirm: z.literal("yes", { error: "Confirm to secure your room." }) }),
  async (_input, user) => {
    await secureRoom(db(), user.id, user.id, await requestOrigin());
    revalidatePath("/room");
    redirect("/room?secured=1");
  },
);
