import type { MailKind } from "@/db/schema";
import { describeChange } from "@/lib/room/history";
import type { MailPayloads } from "./messages";

export type Rendered = { subject: string; text: string; html: string };

type Template<K extends MailKind> = {
  subject: string;
  intro: string;
  /** The lines a notice adds; a burst lists the lines of all its notices. */
  lines: (payload: MailPayloads[K]) => string[];
  link: { path: string; label: string };
};

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const TEMPLATES: { [K in MailKind]: Template<K> } = {
  "room-changed": {
    subject: "Your meeting room was changed",
    intro: "These changes were made to your personal meeting room:",
    lines: (payload) => payload.changes.map(describeChange),
    link: { path: "/room", label: "Review your room" },
  },
  "passcode-changed": {
    subject: "A passcode was changed",
    intro: "A passcode of yours was changed.",
    lines: (payload) => (payload.meeting ? [`Meeting: ${payload.meeting}`] : []),
    link: { path: "/room", label: "Review your room" },
  },
  "room-secured": {
    subject: "Your meeting room was secured",
    intro: "Your room has a new Personal Meeting ID, link and passcode, and earlier guests have to join again.",
    lines: (payload) => [payload.by === "support" ? "Secured by support" : "Secured by you"],
    link: { path: "/room", label: "See your room's new details" },
  },
  "password-changed": {
    subject: "Your password was changed",
    intro: "The password of your account was changed.",
    lines: () => [],
    link: { path: "/account", label: "Review your account" },
  },
  "new-sign-in": {
    subject: "A new sign-in to your account",
    intro: "Your account was signed in to from a browser that had not signed in before.",
    lines: (payload) => {
      const at = new Date(payload.at);
      const time = Number.isNaN(at.getTime()) ? payload.at : `${when.format(at)} UTC`;
      return [payload.client ? `${time} from ${payload.client}` : time];
    },
    link: { path: "/account", label: "Review your sessions" },
  },
  "answer-sent": {
    subject: "Support answered you",
    intro: "Support has answered your question.",
    lines: (payload) => [payload.subject],
    link: { path: "/help", label: "Open the help centre" },
  },
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const CLOSING = "If this was not you, sign in and secure your account, or write to support.";

/**
 * One message for one or more notices of a kind (a burst), in plain text and HTML with the same content. Links
 * are absolute on the site's public address; the HTML holds no image, style sheet or other remote resource.
 */
export function render<K extends MailKind>(kind: K, payloads: MailPayloads[K][], site: URL): Rendered {
  const template = TEMPLATES[kind] as Template<K>;
  const lines = [...new Set(payloads.flatMap((payload) => template.lines(payload)))];
  const link = new URL(template.link.path, site).href;
  const text = [
    "Hello,",
    "",
    template.intro,
    ...(lines.length ? ["", ...lines.map((line) => `- ${line}`)] : []),
    "",
    `${template.link.label}: ${link}`,
    "",
    CLOSING,
    "",
    "Roomdesk",
    "",
  ].join("\n");
  const html = [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8"><title>' + escapeHtml(template.subject) + "</title></head><body>",
    "<p>Hello,</p>",
    `<p>${escapeHtml(template.intro)}</p>`,
    ...(lines.length ? ["<ul>", ...lines.map((line) => `<li>${escapeHtml(line)}</li>`), "</ul>"] : []),
    `<p><a href="${escapeHtml(link)}">${escapeHtml(template.link.label)}</a></p>`,
    `<p>${escapeHtml(CLOSING)}</p>`,
    "<p>Roomdesk</p>",
    "</body></html>",
    "",
  ].join("\n");
  return { subject: template.subject, text, html };
}
