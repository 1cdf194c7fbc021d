import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { afterEach, describe, expect, it } from "vitest";
import { outbox, users } from "@/db/schema";
import { withTransaction } from "@/db/transaction";
import { createUserWithRoom } from "@/lib/auth/users";
import { enqueue, type MailMessage, type Origin } from "@/lib/mail/outbox";
import { deliverDue, pruneSent, startSender, type SenderSettings } from "@/lib/mail/sender";
import { fileTransport, smtpTransport, type MailTransport, type OutgoingMail } from "@/lib/mail/transport";
import { startTestSmtp, type TestSmtp } from "../support/smtp";
import { countingTransport } from "../support/counting-transport";
import { tempDatabase } from "../support/temp-db";

const t0 = new Date("2026-03-02T09:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const BURST = 2;
const settings: SenderSettings = {
  from: "Roomdesk <rooms@example.edu>",
  site: new URL("https://rooms.example.edu/"),
  retryBaseSeconds: 2,
  giveUpSeconds: 20,
  leaseMs: 60_000,
  batch: 10,
};

const servers: TestSmtp[] = [];
const transports: MailTransport[] = [];
afterEach(async () => {
  transports.splice(0).forEach((t) => t.close());
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});
async function smtp(port?: number) {
  const server = await startTestSmtp(port);
  servers.push(server);
  return server;
}
function smtpTo(server: { url: string }) {
  const transport = smtpTransport(server.url);
  transports.push(transport);
  return transport;
}

async function setup() {
  const { db } = await tempDatabase();
  const ada = await createUserWithRoom(db, { email: "ada@example.edu", name: "Ada Lovelace", passwordHash: "x" });
  const queue = (message: Omit<MailMessage, "to" | "userId">, now = t0) =>
    withTransaction(db, (tx) =>
      enqueue(tx, { to: ada.email, userId: ada.id, ...message } as MailMessage, { now, burstSeconds: BURST }),
    );
  const rows = () => db.select().from(outbox).orderBy(asc(outbox.id));
  return { db, ada, queue, rows };
}
const ORIGIN: Origin = { at: t0.toISOString(), address: "203.0.113.7", browser: "Firefox on Windows" };
const waitingRoomOff = {
  changes: [{ field: "waitingRoom", from: true, to: false }],
  origin: ORIGIN,
} satisfies MailMessage["payload"];

describe("the mail outbox", () => {
  it("queues nothing when the change it tells of is rolled back", async () => {
    const { db, ada, rows } = await setup();
    const failed = withTransaction(db, async (tx) => {
      await tx.update(users).set({ name: "Ada King" }).where(eq(users.id, ada.id));
      await enqueue(tx, { kind: "password-changed", to: ada.email, userId: ada.id, payload: { origin: ORIGIN } });
      throw new Error("the change failed");
    });
    await expect(failed).rejects.toThrow("the change failed");
    expect(await rows()).toEqual([]);
    const [user] = await db.select().from(users).where(eq(users.id, ada.id));
    expect(user!.name).toBe("Ada Lovelace");
  });

  it("stores whether a passcode changed, never the passcode", async () => {
    const { queue, rows } = await setup();
    await queue({
      kind: "room-changed",
      payload: {
        changes: [
          { field: "passcode", from: "Old_pass1", to: "New_pass2" },
          { field: "waitingRoom", from: true, to: false },
        ],
        origin: ORIGIN,
      },
    });
    const [row] = await rows();
    expect(row!.payload).toEqual({
      changes: [{ field: "passcode", from: "set", to: "set" }, ...waitingRoomOff.changes],
      origin: ORIGIN,
    });
    expect(JSON.stringify(row)).not.toMatch(/Old_pass1|New_pass2/);
  });

  it("delivers over SMTP: From, To, Subject, text and HTML with absolute links and no images; marked sent", async () => {
    const { db, ada, queue, rows } = await setup();
    const server = await smtp();
    const id = await queue({
      kind: "passcode-changed",
      payload: { change: "changed", meeting: `<img src="https://x.test/p.gif"> & Co`, origin: ORIGIN },
    });
    // A change waits out the burst window first.
    expect(await deliverDue(db, smtpTo(server), at(BURST - 1), "s1", settings)).toMatchObject({ messages: 0 });
    expect(server.received).toEqual([]);

    expect(await deliverDue(db, smtpTo(server), at(BURST), "s1", settings)).toMatchObject({ sent: 1, messages: 1 });
    const [mail] = server.messagesTo(ada.email);
    expect(server.received).toHaveLength(1);
    expect(mail!.from?.text).toBe('"Roomdesk" <rooms@example.edu>');
    expect(mail!.to).toMatchObject({ text: ada.email });
    expect(mail!.subject).toBe("A meeting passcode was changed");
    expect(mail!.messageId).toBe(`<outbox.${id}@rooms.example.edu>`);
    expect(mail!.text).toContain("https://rooms.example.edu/room");
    expect(mail!.html).toContain('<a href="https://rooms.example.edu/room">');
    // What the notice carries is text in the HTML, never markup: no image, no remote resource.
    expect(mail!.html).toContain("&lt;img src=&quot;https://x.test/p.gif&quot;&gt; &amp; Co");
    expect(mail!.html).not.toMatch(/<(img|link|script|style|iframe|object)\b|<[^>]*\s(src|style|background)=/i);
    expect(await rows()).toMatchObject([{ id, status: "sent", attempts: 0, sentAt: at(BURST), claimedBy: null }]);

    expect(await deliverDue(db, smtpTo(server), at(BURST + 60), "s1", settings)).toMatchObject({ messages: 0 });
    expect(server.received).toHaveLength(1);
  });

  it("sends a burst of changes as one message listing them all", async () => {
    const { db, ada, queue, rows } = await setup();
    const server = await smtp();
    await queue({ kind: "room-changed", payload: waitingRoomOff }, t0);
    await queue(
      {
        kind: "room-changed",
        payload: { changes: [{ field: "link", from: "ada.l", to: "ada.lovelace" }], origin: ORIGIN },
      },
      at(1),
    );
    await queue(
      {
        kind: "room-changed",
        payload: { changes: [{ field: "joinBeforeHost", from: false, to: true }], origin: ORIGIN },
      },
      at(1.5),
    );
    await queue({ kind: "password-changed", payload: { origin: ORIGIN } }, at(1));

    const delivery = await deliverDue(db, smtpTo(server), at(BURST), "s1", settings);
    expect(delivery).toMatchObject({ sent: 4, messages: 2 });
    const mails = server.messagesTo(ada.email);
    const subject = "Your meeting room was changed: Waiting room, Personal link, Join before host";
    expect(mails.map((m) => m.subject).sort()).toEqual(["Your Roomdesk password was changed", subject]);
    const changes = mails.find((m) => m.subject === subject)!;
    expect(changes.text).toMatch(
      /- Waiting room: on → off\n[^]*- Personal link: ada\.l → ada\.lovelace\n[^]*- Join before host: off → on\n/,
    );
    expect((await rows()).map((r) => r.status)).toEqual(["sent", "sent", "sent", "sent"]);
  });

  it("deletes notices sent longer ago than MAIL_KEEP_DAYS; keeps answers, failed and unsent mail", async () => {
    const { db, ada, queue, rows } = await setup();
    const server = await smtp();
    await queue({ kind: "password-changed", payload: { origin: ORIGIN } });
    await queue({
      kind: "answer-sent",
      payload: { title: "An answer", excerpt: "", path: "/help/faq", sentBy: { id: ada.id, name: "Support" } },
    });
    await deliverDue(db, smtpTo(server), t0, "s1", settings);
    await queue({ kind: "new-sign-in", payload: { origin: ORIGIN } }, at(86_400 * 30));
    const day = 86_400_000;
    expect(await pruneSent(db, new Date(t0.getTime() + 30 * day), 30)).toBe(0);
    expect(await pruneSent(db, new Date(t0.getTime() + 31 * day), 30)).toBe(1);
    expect((await rows()).map((r) => [r.kind, r.status])).toEqual([
      ["answer-sent", "sent"],
      ["new-sign-in", "pending"],
    ]);
  });

  it("keeps mail through an outage and delivers it once when the server is back; gives up after the window", async () => {
    const { db, ada, queue, rows } = await setup();
    const server = await smtp();
    const port = server.port;
    await servers.pop()!.stop();
    await queue({ kind: "password-changed", payload: { origin: ORIGIN } });

    expect(await deliverDue(db, smtpTo(server), t0, "s1", settings)).toMatchObject({ retrying: 1 });
    let [row] = await rows();
    expect(row).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: at(2), claimedBy: null });
    expect(row!.lastError).toMatch(/ECONNREFUSED/);
    // Not tried again before its time; then twice the wait.
    expect(await deliverDue(db, smtpTo(server), at(1), "s1", settings)).toMatchObject({ messages: 0 });
    await deliverDue(db, smtpTo(server), at(2), "s1", settings);
    [row] = await rows();
    expect(row).toMatchObject({ status: "pending", attempts: 2, nextAttemptAt: at(2 + 4) });

    const back = await smtp(port);
    expect(await deliverDue(db, smtpTo(back), at(6), "s2", settings)).toMatchObject({ sent: 1 });
    expect(await deliverDue(db, smtpTo(back), at(60), "s2", settings)).toMatchObject({ messages: 0 });
    expect(back.messagesTo(ada.email)).toHaveLength(1);
    expect(await rows()).toMatchObject([{ status: "sent", attempts: 2 }]);

    // A server that keeps answering "try later": retried until the give-up window is past, then failed.
    back.refuseWith = 451;
    await queue({ kind: "new-sign-in", payload: { origin: ORIGIN } }, at(100));
    const tries: string[] = [];
    for (let s = 100; s <= 140; s += 1) {
      const { retrying, failed } = await deliverDue(db, smtpTo(back), at(s), "s2", settings);
      if (retrying + failed) tries.push(`${s}:${failed ? "failed" : "retry"}`);
    }
    expect(tries).toEqual(["100:retry", "102:retry", "106:retry", "114:failed"]);
    const failed = (await rows())[1]!;
    expect(failed).toMatchObject({ status: "failed", attempts: 4, sentAt: null });
    expect(failed.lastError).toMatch(/451/);
    expect(back.messagesTo(ada.email)).toHaveLength(1);
  });

  it("a crashed sender's claim runs out, and another sender delivers the mail", async () => {
    const { db, queue, rows } = await setup();
    await queue({ kind: "password-changed", payload: { origin: ORIGIN } });
    const dies: MailTransport = {
      send: () => new Promise(() => undefined),
      close: () => undefined,
    };
    void deliverDue(db, dies, t0, "crashed", settings);
    await expect.poll(async () => (await rows())[0]?.status).toBe("sending");

    const sent: OutgoingMail[] = [];
    const counting: MailTransport = { send: async (mail) => void sent.push(mail), close: () => undefined };
    const leaseEnds = settings.leaseMs / 1000;
    expect(await deliverDue(db, counting, at(leaseEnds - 1), "s2", settings)).toMatchObject({ messages: 0 });
    expect(await deliverDue(db, counting, at(leaseEnds + 1), "s2", settings)).toMatchObject({ sent: 1 });
    expect(sent).toHaveLength(1);
    expect(await rows()).toMatchObject([{ status: "sent", claimedBy: null }]);
  });

  it("a started sender delivers what is queued, until it is stopped", async () => {
    const { db, queue, rows } = await setup();
    const sent: OutgoingMail[] = [];
    const counting: MailTransport = { send: async (mail) => void sent.push(mail), close: () => undefined };
    const sender = startSender(db, { transport: counting, pollMs: 10 });
    await queue({ kind: "password-changed", payload: { origin: ORIGIN } }, new Date());
    await expect.poll(async () => (await rows())[0]?.status, { timeout: 30_000 }).toBe("sent");
    await sender.stop();
    await queue({ kind: "new-sign-in", payload: { origin: ORIGIN } }, new Date());
    // Stopped: a poll interval's worth of rounds later the new row is still pending.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await rows()).map((r) => r.status)).toEqual(["sent", "pending"]);
    expect(sent).toHaveLength(1);
  });

  it("without SMTP, writes each message as an .eml file mailparser reads", async () => {
    const { db, ada, queue } = await setup();
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "roomdesk-mail-")), "mail");
    await queue({ kind: "room-changed", payload: waitingRoomOff });
    const transport = fileTransport(dir);
    transports.push(transport);
    expect(await deliverDue(db, transport, at(BURST), "s1", settings)).toMatchObject({ sent: 1 });
    const files = fs.readdirSync(dir);
    expect(files).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d-]+Z-\d+\.eml$/)]);
    const mail = await simpleParser(fs.readFileSync(path.join(dir, files[0]!)));
    expect(mail.to).toMatchObject({ text: ada.email });
    expect(mail.subject).toBe("Your meeting room was changed: Waiting room");
    expect(mail.text).toContain("Waiting room: on → off");
    expect(mail.html).toContain("<li>Waiting room: on → off</li>");
  });

  // Two senders in one process, taking turns at every await; tests/unit/mail-senders.test.ts and
  // tests/unit/postgres/mail-senders.test.ts race them in separate processes and connections.
  it("two senders interleaved on one handle deliver each message once", async () => {
    const { db } = await setup();
    // Twenty recipients: twenty messages (one recipient's notices of a kind would go as one).
    for (let i = 0; i < 20; i++)
      await withTransaction(db, (tx) =>
        enqueue(tx, { kind: "new-sign-in", to: `user${i}@example.edu`, payload: { origin: ORIGIN } }, { now: t0 }),
      );
    const sent: number[] = [];
    const counting = countingTransport((id) => sent.push(id));
    const drain = async (handle: typeof db, id: string) => {
      while ((await deliverDue(handle, counting, t0, id, { ...settings, batch: 1 })).messages > 0);
    };
    await Promise.all([drain(db, "a"), drain(db, "b")]);
    expect(sent.sort((x, y) => x - y)).toEqual(
      (await db.select({ id: outbox.id }).from(outbox).orderBy(asc(outbox.id))).map((r) => r.id),
    );
  });
});
