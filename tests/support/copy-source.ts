import { originUnknown } from "@/lib/mail/messages";
import { closeDatabase, openDatabase, type Db } from "@/db";
import { migrate } from "@/db/migrate";
import { withTransaction } from "@/db/transaction";
import { startSession } from "@/lib/auth/sessions";
import { createUserWithRoom, userByEmail } from "@/lib/auth/users";
import { recordVote } from "@/lib/help/votes";
import { attemptJoin } from "@/lib/join/service";
import { hostAction, liveState } from "@/lib/join/live";
import { enqueue } from "@/lib/mail/outbox";
import { deliverDue, senderSettings } from "@/lib/mail/sender";
import { createMeeting, deleteMeeting } from "@/lib/meetings/service";
import { changeIdentity, changeSettings, roomOfUser } from "@/lib/room/service";
import { findUser, logAccess, secureUserRoom } from "@/lib/support/service";
import { generatePmi } from "@/lib/validation/generate";
import { meetingSchema } from "@/lib/validation/meeting";
import { seedDemo } from "@/scripts/seed";
import { appAnswers, type Made } from "./copy-answers";

/**
 * A Roomdesk SQLite database with rows in every table, made by the app's own services as a site in use makes
 * them, for the db:copy tests. Import it with DATABASE_URL unset (db/schema.ts then gives the services
 * SQLite's tables). Returns what it made and the app's answers on it.
 */
export async function buildSource(file: string) {
  const db = openDatabase(file);
  try {
    return await fill(db);
  } finally {
    await closeDatabase(db);
  }
}

async function fill(db: Db) {
  await migrate(db);
  await seedDemo(db);
  const ada = (await userByEmail(db, "ada@example.edu"))!;
  const grace = (await userByEmail(db, "grace@example.edu"))!;
  const support = (await userByEmail(db, "support@example.edu"))!;
  // Names and addresses outside ASCII, as real accounts have them.
  await createUserWithRoom(db, { email: "zoë.müller@example.edu", name: "Zoë Müller – Ωmega", passwordHash: "x" });
  // An account made by single sign-on: no password, its identity at the provider.
  const sso = await createUserWithRoom(db, {
    email: "sso.person@example.edu",
    name: "Sso Person",
    passwordHash: null,
    sso: { issuer: "https://idp.example.edu/", subject: "248289761001" },
  });

  // Room changes: history entries (JSON) and holds on the released PMI and link.
  await changeIdentity(db, ada.id, ada.id, { pmi: generatePmi(), link: "ada.lovelace.office" });
  await changeSettings(db, ada.id, ada.id, { passcode: "Engine_43", joinBeforeHost: true, waitingRoom: false });
  // Mail: a notice waiting out its burst window (JSON payload, no sent_at) and one already sent.
  await withTransaction(db, async (tx) => {
    const changes = [{ field: "waitingRoom", from: true, to: false }];
    await enqueue(tx, {
      kind: "room-changed",
      to: ada.email,
      userId: ada.id,
      payload: { changes, origin: originUnknown() },
    });
    await enqueue(tx, {
      kind: "new-sign-in",
      to: "zoë.müller@example.edu",
      payload: { origin: originUnknown(new Date("2030-01-02T08:00:00Z")) },
    });
  });
  await deliverDue(
    db,
    { send: async () => undefined, close: () => undefined },
    new Date(),
    "copy-source",
    senderSettings(),
  );
  // Support finds grace and secures her room: a secured room, an access log with both kinds of entry.
  const found = await findUser(db, grace.email);
  await logAccess(db, { supportUserId: support.id, targetUserId: found!.user.id, query: grace.email });
  await logAccess(db, { supportUserId: support.id, targetUserId: null, query: "nobody@example.edu" });
  await secureUserRoom(db, grace, support.id, originUnknown());

  const meeting = (fields: Record<string, string>) => {
    const parsed = meetingSchema.safeParse({ duration: "45", timeZone: "Europe/Berlin", waitingRoom: "on", ...fields });
    if (!parsed.success) throw parsed.error;
    return parsed.data;
  };
  const weekly = await createMeeting(
    db,
    ada.id,
    meeting({ title: "Engine review", start: "2030-01-07T09:30", meetingIdType: "generate", passcode: "Bernoul_7" }),
  );
  const series = await createMeeting(
    db,
    ada.id,
    meeting({
      title: "Notes, weekly",
      start: "2030-01-06T16:00",
      meetingIdType: "pmi",
      recurrence: "weekly",
      dayMO: "on",
      dayTH: "on",
      count: "12",
    }),
  );
  // The meeting with the last id is deleted: the copy's ids must still continue after it, as SQLite's do.
  const dropped = await createMeeting(
    db,
    grace.id,
    meeting({ title: "Cancelled", start: "2030-02-01T08:00", meetingIdType: "generate", passcode: "Cobol_1959" }),
  );
  await deleteMeeting(db, grace.id, dropped.id);

  // A session, a few help votes.
  const sessionId = await startSession(db, ada.id, { idleMs: 7 * 86_400_000, maxAgeMs: 30 * 86_400_000 });
  await startSession(db, sso.id, { idleMs: 7 * 86_400_000, maxAgeMs: 30 * 86_400_000 }, new Date(), {
    idpSid: "08a5019c-17e1-4977-8f42-65a12843ea02",
    idToken: "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl",
  });
  await recordVote(db, { page: "/help/passcodes", visitor: "v1", day: "2030-01-02", helpful: true });
  await recordVote(db, { page: "/help/passcodes", visitor: "v2", day: "2030-01-02", helpful: false });
  await recordVote(db, { page: "/help/waiting-room", visitor: "v1", day: "2030-01-03", helpful: true });

  // Guests at grace's room: one admitted, one waiting, a meeting in progress and locked; failed joins count
  // against the rate limits.
  const graceRoom = await roomOfUser(db, grace.id);
  const join = (token: string, passcode: string, client: string) =>
    attemptJoin(db, {
      kind: "id",
      raw: graceRoom.pmi,
      passcode,
      client,
      name: `Guest ${token.slice(0, 3)}`,
      token: token.padEnd(43, "x"),
      passFor: () => undefined,
    });
  await join("one", graceRoom.passcode!, "198.51.100.1");
  await join("two", graceRoom.passcode!, "198.51.100.2");
  await join("bad", "Wrong_0000", "203.0.113.9");
  const key = `room:${graceRoom.id}`;
  const first = (await liveState(db, key)).waiting[0]!;
  await hostAction(db, graceRoom.id, key, "admit", first.id);
  await hostAction(db, graceRoom.id, key, "start");
  await hostAction(db, graceRoom.id, key, "lock");

  const made: Made = {
    sessionId,
    meetingIds: [weekly.id, series.id],
    deletedMeetingId: dropped.id,
    grace: grace.email,
  };
  return { made, answers: await appAnswers(db, made) };
}
