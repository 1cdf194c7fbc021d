import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { env } from "@/lib/server/env";

export type OutgoingMail = {
  /** The outbox row the message is for (the first of a burst). */
  id: number;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
};

/** Where messages go: resolves once the message is accepted, throws when it is not. */
export type MailTransport = { send(mail: OutgoingMail): Promise<void>; close(): void };

const options = (mail: OutgoingMail) => ({
  from: mail.from,
  to: mail.to,
  subject: mail.subject,
  text: mail.text,
  html: mail.html,
  messageId: mail.messageId,
  // RFC 3834: a notice, so vacation responders stay quiet.
  headers: { "Auto-Submitted": "auto-generated" },
});

function isLoopback(hostname: string | undefined): boolean {
  const host = (hostname ?? "").replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** nodemailer's options for SMTP_URL: nodemailer ignores every other option when given a `url`, so it is read here. */
export function smtpOptions(url: string): SMTPTransport.Options {
  const fromUrl = parseConnectionUrl(url);
  return {
    ...fromUrl,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    // A relay on this machine (Postfix, a test server) often offers STARTTLS with a self-signed certificate;
    // its traffic never leaves the machine, so the certificate is not checked there. Anywhere else it is, and
    // `?tls.rejectUnauthorized=...` in SMTP_URL has the last word.
    tls: { ...(isLoopback(fromUrl.host) ? { rejectUnauthorized: false } : {}), ...fromUrl.tls },
  };
}

/**
 * An SMTP server at `url` (smtp://user:pass@host:587, smtps://...). Its timeouts stay well inside the sender's
 * lease (lib/mail/sender.ts), so a hung server cannot make two senders deliver one message.
 */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpOptions(url));
  return {
    async send(mail) {
      await transporter.sendMail(options(mail));
    },
    close: () => transporter.close(),
  };
}

/** Each message as an .eml file in `dir`, written whole (a temporary name, then renamed) for anyone reading it. */
export function fileTransport(dir: string): MailTransport {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(mail) {
      const info = await builder.sendMail(options(mail));
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${mail.id}.eml`;
      await fs.mkdir(dir, { recursive: true });
      const temporary = path.join(dir, `.${name}.tmp`);
      await fs.writeFile(temporary, info.message);
      await fs.rename(temporary, path.join(dir, name));
    },
    close: () => builder.close(),
  };
}

/** SMTP when SMTP_URL is set, else files in MAIL_DIR (data/mail/ by default). */
export function transportFromEnv(): MailTransport {
  const { SMTP_URL, MAIL_DIR } = env();
  return SMTP_URL ? smtpTransport(SMTP_URL) : fileTransport(MAIL_DIR);
}
