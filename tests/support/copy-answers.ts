import type { Db } from "@/db";
import { sessionOwner } from "@/lib/auth/sessions";
import { userByEmail } from "@/lib/auth/users";
import { resolveTarget } from "@/lib/join/service";
import { liveState } from "@/lib/join/live";
import { meetingForOwner } from "@/lib/meetings/queries";
import { roomHistory } from "@/lib/room/queries";
import { roomOfUser } from "@/lib/room/service";
import { findUser } from "@/lib/support/service";

/** What the source fixture (copy-source.ts) made, for the tests to look up again on the copy. */
export type Made = { sessionId: string; meetingIds: number[]; deletedMeetingId: number; grace: string };

// Meetings' next occurrence depends on the clock: both engines are asked at the same instant.
const NOW = new Date("2030-01-15T12:00:00Z");

/** The app's own reads of ada's and grace's rooms, meetings and sessions, as JSON: equal on a faithful copy. */
export async function appAnswers(db: Db, made: Made) {
  const ada = (await userByEmail(db, "ada@example.edu"))!;
  const grace = (await userByEmail(db, made.grace))!;
  const room = await roomOfUser(db, ada.id);
  const graceRoom = await roomOfUser(db, grace.id);
  const answers = {
    ada,
    room,
    graceRoom,
    history: await roomHistory(db, room.id),
    graceHistory: await roomHistory(db, graceRoom.id),
    byPmi: await findUser(db, room.pmi),
    byLink: await resolveTarget(db, "link", room.link),
    meetings: await Promise.all(made.meetingIds.map((id) => meetingForOwner(db, ada.id, id, NOW))),
    live: await liveState(db, `room:${graceRoom.id}`),
    session: await sessionOwner(db, made.sessionId),
  };
  return JSON.parse(JSON.stringify(answers)) as unknown;
}
