import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, rooms } from "@/db/schema";
import { withTransaction } from "@/db/transaction";
import { enqueue } from "@/lib/mail/outbox";
import { createUserWithRoom, setPasswordHash } from "@/lib/auth/users";
import { replaceAllSessions, startSession } from "@/lib/auth/sessions";
import type { Origin } from "@/lib/mail/messages";
import { deliverDue, type SenderSettings } from "@/lib/mail/sender";
import { changeIdentity, changeSettings, secureRoom } from "@/lib/room/service";
import { secureUserRoom } from "@/lib/support/service";
import { createMeeting, updateMeeting } from "@/lib/meetings/service";
import { meetingSchema } from "@/lib/validation/meeting";
import { generatePmi } from "@/lib/validation";
import type { MailTransport } from "@/lib/mail/transport";
import { tempDatabase } from "../support/temp-db";

const origin: Origin = { at: "2026-03-02T09:00:00.000Z", address: "203.0.113.7", browser: "Firefox on Windows" };
const limits = { idleMs: 60_000, maxAgeMs: 120_000 };

async function setup() {
  const { db } = await tempDatabase();
  const ada = await createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
  const grace = await createUserWithRoom(db, {
    email: "grace@example.edu",
    name: "Grace Hopper",
    passwordHash: "x",
    role: "support",
  });
  const room = async () => (await db.select().from(rooms).where(eq(rooms.userId, ada.id)))[0]!;
  const queued = () =>
    db
      .select({ kind: outbox.kind, recipient: outbox.recipient, userId: outbox.userId, payload: outbox.payload })
      .from(outbox)
      .orderBy(asc(outbox.id));
  return { db, ada, grace, room, queued };
}

describe("notices to the owner, written with the change", () => {
  it("a PMI or link change: what changed, when and from where", async () => {
    const { db, ada, room, queued } = await setup();
    const before = await room();
    const pmi = generatePmi();
    await changeIdentity(db, ada.id, ada.id, { pmi, link: "ada.office" }, origin);
    expect(await queued()).toEqual([
      {
        kind: "room-changed",
        recipient: "ada@example.edu",
        userId: ada.id,
        payload: {
          changes: [
            { field: "pmi", from: before.pmi, to: pmi },
            { field: "link", from: before.link, to: "ada.office" },
          ],
          origin,
        },
      },
    ]);
  });

  it("a settings change, the passcode only as changed; nothing for a refused or an empty save", async () => {
    const { db, ada, grace, room, queued } = await setup();
    const { pmi } = await room();
    await changeSettings(
      db,
      ada.id,
      ada.id,
      { passcode: "Secret_991", joinBeforeHost: true, waitingRoom: false },
      origin,
    );
    expect((await queued()).map((row) => [row.kind, row.payload])).toEqual([
      [
        "room-changed",
        {
          changes: [
            { field: "passcode", from: "set", to: "set" },
            { field: "joinBeforeHost", from: false, to: true },
            { field: "waitingRoom", from: true, to: false },
          ],
          origin,
        },
      ],
    ]);
    expect(JSON.stringify(await db.select().from(outbox))).not.toContain("Secret_991");

    // Refused (a PMI someone has) and unchanged saves tell nobody anything.
    await changeIdentity(db, grace.id, grace.id, { pmi, link: "grace" }, origin);
    await changeSettings(
      db,
      ada.id,
      ada.id,
      { passcode: "Secret_991", joinBeforeHost: true, waitingRoom: false },
      origin,
    );
    expect(await queued()).toHaveLength(1);
  });

  it("securing: by the owner, or by support with the support person's name", async () => {
    const { db, ada, grace, queued } = await setup();
    await secureRoom(db, ada.id, ada.id, origin);
    await secureUserRoom(db, ada, grace.id, { ...origin, support: grace.name });
    expect((await queued()).map((row) => [row.kind, row.recipient, row.payload])).toEqual([
      ["room-secured", "ada@example.edu", { origin }],
      ["room-secured", "ada@example.edu", { origin: { ...origin, support: "Grace Hopper" } }],
    ]);
  });

  it("a password change, and a sign-in from a browser new to the account, each with where it came from", async () => {
    const { db, ada, queued } = await setup();
    await startSession(db, ada.id, limits);
    expect(await queued()).toEqual([]);
    await startSession(db, ada.id, limits, new Date(), undefined, origin);
    await replaceAllSessions(db, ada.id, (tx) => setPasswordHash(tx, ada.id, "new-hash", origin));
    expect((await queued()).map((row) => [row.kind, row.payload])).toEqual([
      ["new-sign-in", { origin }],
      ["password-changed", { origin }],
    ]);
  });

  it("a scheduled meeting's new passcode, by the meeting's title; a renamed meeting is no news", async () => {
    const { db, ada, queued } = await setup();
    const input = meetingSchema.parse({
      title: "Design review",
      start: "2026-03-02T09:00",
      duration: "60",
      timeZone: "UTC",
      meetingIdType: "generate",
      passcode: "Xk7*mb12",
    });
    const meeting = await createMeeting(db, ada.id, input);
    await updateMeeting(db, ada.id, meeting.id, { ...input, title: "Design review II" }, origin);
    expect(await queued()).toEqual([]);
    await updateMeeting(db, ada.id, meeting.id, { ...input, passcode: "Zq9*pl34" }, origin);
    expect((await queued()).map((row) => [row.kind, row.payload])).toEqual([
      ["passcode-changed", { change: "changed", meeting: "Design review", origin }],
    ]);
    expect(JSON.stringify(await db.select().from(outbox))).not.toMatch(/Xk7\*mb12|Zq9\*pl34/);
  });

  it("two answers to one person are two messages; a burst of room notices is one", async () => {
    const { db, ada, grace, room } = await setup();
    const { passcode } = await room();
    await changeSettings(db, ada.id, ada.id, { passcode, joinBeforeHost: false, waitingRoom: false }, origin);
    await changeSettings(db, ada.id, ada.id, { passcode, joinBeforeHost: false, waitingRoom: true }, origin);
    for (const title of ["First answer", "Second answer"])
      await withTransaction(db, (tx) =>
        enqueue(tx, {
          kind: "answer-sent",
          to: ada.email,
          userId: ada.id,
          payload: { title, excerpt: "", path: "/help/faq", sentBy: { id: grace.id, name: grace.name } },
        }),
      );
    const subjects: string[] = [];
    const transport: MailTransport = { send: async (mail) => void subjects.push(mail.subject), close: () => undefined };
    const settings: SenderSettings = {
      from: "Roomdesk <rooms@example.edu>",
      site: new URL("https://rooms.example.edu/"),
      retryBaseSeconds: 1,
      giveUpSeconds: 60,
      leaseMs: 60_000,
      batch: 10,
    };
    const later = new Date(Date.now() + 120_000);
    expect(await deliverDue(db, transport, later, "s1", settings)).toMatchObject({ sent: 4, messages: 3 });
    expect(subjects.sort()).toEqual([
      "Roomdesk support sent you an answer: First answer",
      "Roomdesk support sent you an answer: Second answer",
      "Your meeting room was changed: Waiting room",
    ]);
  });
});
