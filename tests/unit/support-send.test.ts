import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { outbox, rooms, supportAccessLog } from "@/db/schema";
import { createUserWithRoom } from "@/lib/auth/users";
import { answerByPath } from "@/lib/help/answers";
import { limitKey, retryAfterMs, type Limit } from "@/lib/server/rate-limit";
import { mailItem } from "@/lib/support/mail-view";
import { sendAnswer } from "@/lib/support/send";
import { sendAnswerSchema } from "@/lib/validation/support";
import { tempDatabase } from "../support/temp-db";

const FAQ = "/help/faq/what-should-i-do-if-someone-intrudes";
const limit = (points: number): Limit => ({ name: "support-send", points, seconds: 3600 });

async function setup() {
  const { db } = await tempDatabase();
  const ada = await createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
  const grace = await createUserWithRoom(db, {
    email: "grace@example.edu",
    name: "Grace Hopper",
    passwordHash: "x",
    role: "support",
  });
  const queued = () =>
    db
      .select({ kind: outbox.kind, recipient: outbox.recipient, userId: outbox.userId, payload: outbox.payload })
      .from(outbox)
      .orderBy(asc(outbox.id));
  const logged = () =>
    db
      .select({
        supportUserId: supportAccessLog.supportUserId,
        targetUserId: supportAccessLog.targetUserId,
        query: supportAccessLog.query,
        action: supportAccessLog.action,
      })
      .from(supportAccessLog)
      .orderBy(asc(supportAccessLog.id));
  return { db, ada, grace, queued, logged };
}

const spent = (db: Db, staffId: number, points: number) =>
  retryAfterMs(db, [{ limit: limit(points), key: limitKey(String(staffId)) }]);

describe("the answer a send names", () => {
  it("comes from the published help content, by its permanent path", () => {
    expect(answerByPath(FAQ)).toEqual({
      title: "What should I do if someone intrudes on my PMI?",
      excerpt: expect.stringMatching(/\S/),
      path: FAQ,
    });
    // The FAQ page's anchor for an answer is the same answer, sent by its own page.
    expect(answerByPath("/help/faq#what-should-i-do-if-someone-intrudes")?.path).toBe(FAQ);
    expect(answerByPath("/help/waiting-room#turn-the-waiting-room-on-or-off")).toEqual({
      title: "Use the waiting room: Turn the waiting room on or off",
      excerpt: "Open My room. Tick or clear Waiting room. Select Save settings.",
      path: "/help/waiting-room#turn-the-waiting-room-on-or-off",
    });
    expect(answerByPath("/help/waiting-room")).toMatchObject({
      title: "Use the waiting room",
      excerpt: expect.stringMatching(/^The waiting room holds guests until you let them in\./),
    });
  });

  it("is refused when the path is not a published answer", () => {
    for (const path of [
      "/help/faq",
      "/help/faq/no-such-question",
      "/help/waiting-room#no-such-heading",
      "/help/waiting-room/turn-the-waiting-room-on-or-off",
      "/help/no-such-article",
      "/room",
      `https://elsewhere.example${FAQ}`,
      `${FAQ}?utm=x`,
      "",
    ])
      expect(answerByPath(path), path).toBeNull();
  });
});

describe("support sends an answer", () => {
  it("writes the message and the access-log entry together, the answer from the content and the note", async () => {
    const { db, ada, grace, queued, logged } = await setup();
    const outcome = await sendAnswer(db, grace, { answer: FAQ, user: "ADA@example.edu", note: "See step 2." });
    expect(outcome).toEqual({
      ok: true,
      title: "What should I do if someone intrudes on my PMI?",
      to: { name: "Ada Lovelace", email: "ada@example.edu" },
    });
    expect(await queued()).toEqual([
      {
        kind: "answer-sent",
        recipient: "ada@example.edu",
        userId: ada.id,
        payload: { ...answerByPath(FAQ), note: "See step 2.", sentBy: { id: grace.id, name: "Grace Hopper" } },
      },
    ]);
    expect(await logged()).toEqual([{ supportUserId: grace.id, targetUserId: ada.id, query: FAQ, action: "send" }]);
  });

  it("finds the user as the look-up does, by PMI too", async () => {
    const { db, ada, grace, queued } = await setup();
    const [room] = await db.select().from(rooms).where(eq(rooms.userId, ada.id));
    const pmi = room!.pmi;
    const spaced = `${pmi.slice(0, 3)} ${pmi.slice(3, 6)} ${pmi.slice(6)}`;
    expect(await sendAnswer(db, grace, { answer: FAQ, user: spaced })).toMatchObject({ ok: true });
    expect((await queued()).map((row) => [row.recipient, "note" in row.payload])).toEqual([["ada@example.edu", false]]);
  });

  it("rolls the message back when the log entry cannot be written, and gives the point back", async () => {
    const { db, queued, logged } = await setup();
    // No such account: the log's foreign key refuses the entry, after the message was queued in the same transaction.
    const ghost = { id: 9999, name: "Nobody" };
    await expect(
      sendAnswer(db, ghost, { answer: FAQ, user: "ada@example.edu" }, { limit: limit(1) }),
    ).rejects.toThrow();
    expect(await queued()).toEqual([]);
    expect(await logged()).toEqual([]);
    expect(await spent(db, ghost.id, 1)).toBe(0);
  });

  it("stops at the sender's limit, sending nothing, while other support staff still can", async () => {
    const { db, grace, queued, logged } = await setup();
    const desk = await createUserWithRoom(db, {
      email: "desk@example.edu",
      name: "Help Desk",
      passwordHash: "x",
      role: "support",
    });
    const send = (staff: { id: number; name: string }) =>
      sendAnswer(db, staff, { answer: FAQ, user: "ada@example.edu" }, { limit: limit(2) });
    expect((await send(grace)).ok).toBe(true);
    expect((await send(grace)).ok).toBe(true);
    const refused = await send(grace);
    expect(refused).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^Nothing was sent: you have reached the limit of 2 answers an hour\. Try again in \d+ minutes\.$/,
      ),
    });
    expect(await queued()).toHaveLength(2);
    expect((await logged()).filter((entry) => entry.action === "send")).toHaveLength(2);
    expect((await send(desk)).ok).toBe(true);
    expect(await queued()).toHaveLength(3);
  });

  it("refuses an unknown user next to the field: nothing sent, the miss logged as a look-up, no point spent", async () => {
    const { db, grace, queued, logged } = await setup();
    expect(await sendAnswer(db, grace, { answer: FAQ, user: "nobody@example.edu" }, { limit: limit(1) })).toEqual({
      ok: false,
      field: "user",
      message: "No account matches “nobody@example.edu”.",
    });
    expect(await queued()).toEqual([]);
    expect(await logged()).toEqual([
      { supportUserId: grace.id, targetUserId: null, query: "nobody@example.edu", action: "lookup" },
    ]);
    expect(await spent(db, grace.id, 1)).toBe(0);
  });

  it("refuses an answer path that is not a published answer, whatever the form says about it", async () => {
    const { db, grace, queued, logged } = await setup();
    for (const answer of ["/help/faq/no-such-question", "/room", "/help/waiting-room#nope", "https://evil.example/x"]) {
      expect(await sendAnswer(db, grace, { answer, user: "ada@example.edu" })).toMatchObject({
        ok: false,
        field: "answer",
      });
    }
    expect(await queued()).toEqual([]);
    expect(await logged()).toEqual([]);
  });
});

describe("the send form's schema", () => {
  const parse = (form: Record<string, string>) =>
    sendAnswerSchema.safeParse({ answer: FAQ, user: "ada@example.edu", ...form });

  it("takes an optional note, cleaned, of at most 300 characters", () => {
    expect(parse({ note: "  " }).data).toEqual({ answer: FAQ, user: "ada@example.edu" });
    expect(parse({ note: " Try\u202E this\n first " }).data?.note).toBe("Try this first");
    expect(parse({ note: "x".repeat(300) }).success).toBe(true);
    expect(parse({ note: "x".repeat(301) }).error?.issues[0]).toMatchObject({
      path: ["note"],
      message: "Keep the note to 300 characters or fewer.",
    });
  });

  it("needs a user", () => {
    expect(parse({ user: " " }).error?.issues[0]?.path).toEqual(["user"]);
  });
});

describe("outbox rows as support sees them", () => {
  const row = {
    id: 7,
    kind: "answer-sent" as const,
    recipient: "ada@example.edu",
    payload: { ...answerByPath(FAQ)!, sentBy: { id: 2, name: "Grace Hopper" } },
    createdAt: new Date("2026-03-02T09:00:00Z"),
    sentAt: null,
  };

  it("say what the message was, when, by whom, and whether it arrived", () => {
    expect(mailItem({ ...row, status: "pending", attempts: 0, lastError: null })).toMatchObject({
      subject: "Roomdesk support sent you an answer: What should I do if someone intrudes on my PMI?",
      when: "Mar 2, 2026, 9:00 AM UTC",
      state: "waiting",
      stateText: "Waiting",
      answer: { title: "What should I do if someone intrudes on my PMI?", path: FAQ, sentBy: "Grace Hopper" },
    });
    expect(mailItem({ ...row, status: "pending", attempts: 2, lastError: "451 try later" })).toMatchObject({
      stateText: "Waiting: tried twice",
      lastError: "451 try later",
    });
    expect(
      mailItem({ ...row, status: "sent", attempts: 0, lastError: null, sentAt: new Date("2026-03-02T09:01:00Z") }),
    ).toMatchObject({ state: "delivered", stateText: "Delivered on Mar 2, 2026, 9:01 AM UTC" });
    expect(mailItem({ ...row, status: "failed", attempts: 6, lastError: "451 mailbox busy" })).toMatchObject({
      state: "failed",
      stateText: "Failed after 6 attempts",
    });
  });
});
