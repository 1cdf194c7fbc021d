import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { smtpOptions, smtpTransport } from "@/lib/mail/transport";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** smtp-server as it comes: STARTTLS offered with its built-in self-signed certificate. */
async function defaultServer(options: { authOptional: boolean }) {
  const subjects: string[] = [];
  let tls = false;
  const server = new SMTPServer({
    ...options,
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: "relay" }),
    onData(stream, session, callback) {
      tls = Boolean(session.secure);
      simpleParser(stream).then(
        (mail) => {
          subjects.push(mail.subject ?? "");
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.server.address() as AddressInfo).port, subjects, usedTls: () => tls };
}

const mail = {
  id: 1,
  from: "Roomdesk <rooms@example.edu>",
  to: "ada@example.edu",
  subject: "Hello",
  text: "Hello",
  html: "<p>Hello</p>",
  messageId: "<outbox.1@example.edu>",
};

describe("the SMTP transport", () => {
  for (const authOptional of [true, false]) {
    it(`reaches a relay on this machine that offers STARTTLS with a self-signed certificate${authOptional ? "" : ", with credentials"}`, async () => {
      const server = await defaultServer({ authOptional });
      const credentials = authOptional ? "" : "relay:secret@";
      const transport = smtpTransport(`smtp://${credentials}127.0.0.1:${server.port}`);
      closers.push(async () => transport.close());
      await transport.send(mail);
      expect(server.subjects).toEqual(["Hello"]);
      expect(server.usedTls()).toBe(true);
    });
  }

  it("checks the certificate of a server elsewhere, or wherever SMTP_URL asks for it", async () => {
    expect(smtpOptions("smtp://relay:p%40ss@mail.example.edu:587")).toMatchObject({
      host: "mail.example.edu",
      port: 587,
      secure: false,
      auth: { user: "relay", pass: "p@ss" },
      tls: {},
      connectionTimeout: 30_000,
    });
    expect(smtpOptions("smtps://mail.example.edu").secure).toBe(true);

    const server = await defaultServer({ authOptional: true });
    const transport = smtpTransport(`smtp://127.0.0.1:${server.port}?tls.rejectUnauthorized=true`);
    closers.push(async () => transport.close());
    await expect(transport.send(mail)).rejects.toThrow(/certificate/i);
    expect(server.subjects).toEqual([]);
  });
});
