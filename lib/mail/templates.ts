import type { MailKind } from "@/db/schema";
import { describeChange, fieldLabel } from "@/lib/room/history";
import type { MailPayloads, Origin, PasscodeChange } from "./messages";

export type Rendered = { subject: string; text: string; html: string };

type NoticeKind = Exclude<MailKind, "answer-sent">;
type Link = { path: string; label: string };

type Notice<K extends NoticeKind> = {
  subject: (payloads: MailPayloads[K][]) => string;
  intro: string;
  /** What happened, as the heading of each notice's lines: "Changed", "Signed in"... */
  verb: string;
  lines: (payload: MailPayloads[K]) => string[];
  link: Link;
};

/** The answer to read when a change was not the owner's own. */
export const INTRUSION_ANSWER: Link = {
  path: "/help/faq/what-should-i-do-if-someone-intrudes",
  label: "What should I do if someone intrudes?",
};
const ROOM: Link = { path: "/room", label: "Review your room" };
const ACCOUNT: Link = { path: "/account", label: "Review your account and sign out other devices" };

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const PASSCODE_WORDS: Record<PasscodeChange, string> = { set: "set", changed: "changed", removed: "removed" };

const NOTICES: { [K in NoticeKind]: Notice<K> } = {
  "room-changed": {
    subject: (payloads) => {
      const fields = [...new Set(payloads.flatMap((p) => p.changes.map((c) => fieldLabel(c.field))))];
      return `Your meeting room was changed: ${fields.join(", ")}`;
    },
    intro: "These changes were made to your personal meeting room. This message never contains a passcode.",
    verb: "Changed",
    lines: (payload) => payload.changes.map(describeChange),
    link: ROOM,
  },
  "passcode-changed": {
    subject: (payloads) => (payloads.length > 1 ? "Meeting passcodes were changed" : "A meeting passcode was changed"),
    intro: "The passcode of a meeting you scheduled was changed. This message never contains a passcode.",
    verb: "Changed",
    lines: (payload) => [`Passcode of the meeting “${payload.meeting}” ${PASSCODE_WORDS[payload.change]}`],
    link: { path: "/meetings", label: "Review your meetings" },
  },
  "room-secured": {
    subject: (payloads) =>
      payloads.some((p) => p.origin.support) ? "Support secured your meeting room" : "Your meeting room was secured",
    intro:
      "Your room has a new Personal Meeting ID, personal link and passcode; the waiting room is on, join before " +
      "host is off, and everyone who was in the room has to join again. Invitations sent before no longer work.",
    verb: "Secured",
    lines: () => [],
    link: { path: "/room", label: "See your room's new details" },
  },
  "password-changed": {
    subject: () => "Your Roomdesk password was changed",
    intro: "The password of your account was changed, and every other device was signed out.",
    verb: "Changed",
    lines: () => [],
    link: ACCOUNT,
  },
  "new-sign-in": {
    subject: () => "New sign-in to your Roomdesk account",
    intro: "Your account was signed in to from a browser that had not signed in to it before.",
    verb: "Signed in",
    lines: () => [],
    link: ACCOUNT,
  },
};

/** "Changed on 2 Mar 2026, 09:00 UTC from 203.0.113.7 (Firefox on Windows), by Grace Hopper of support" */
export function describeOrigin(verb: string, origin: Origin): string {
  const at = new Date(origin.at);
  const time = Number.isNaN(at.getTime()) ? origin.at : `${when.format(at)} UTC`;
  const by = origin.support ? `, by ${origin.support} of support` : "";
  return `${verb} on ${time} from ${origin.address} (${origin.browser})${by}`;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** One block of a message: a paragraph, a list, or a link. Text and HTML are made from the same blocks. */
type Block = { p: string } | { list: string[] } | { link: string; label: string; before?: string };

function compose(subject: string, blocks: Block[], site: URL): Rendered {
  const href = (path: string) => new URL(path, site).href;
  const text = blocks
    .map((b) =>
      "p" in b
        ? b.p
        : "list" in b
          ? b.list.map((line) => `- ${line}`).join("\n")
          : `${b.before ? `${b.before} ` : ""}${b.label}: ${href(b.link)}`,
    )
    .join("\n\n");
  const html = [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    ...blocks.map((b) =>
      "p" in b
        ? `<p>${escapeHtml(b.p)}</p>`
        : "list" in b
          ? `<ul>${b.list.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>`
          : `<p>${b.before ? `${escapeHtml(b.before)} ` : ""}<a href="${escapeHtml(href(b.link))}">${escapeHtml(b.label)}</a></p>`,
    ),
    "</body></html>",
    "",
  ].join("\n");
  return { subject, text: `${text}\n`, html };
}

function renderNotice<K extends NoticeKind>(kind: K, payloads: MailPayloads[K][], site: URL): Rendered {
  const notice = NOTICES[kind] as Notice<K>;
  // A burst: each notice's own heading and lines, in order, and a notice repeated word for word only once.
  const seen = new Set<string>();
  const sections: Block[] = [];
  for (const payload of payloads) {
    const heading = describeOrigin(notice.verb, payload.origin);
    const lines = notice.lines(payload);
    const key = JSON.stringify([heading, lines]);
    if (seen.has(key)) continue;
    seen.add(key);
    sections.push({ p: `${heading}${lines.length ? ":" : "."}` }, ...(lines.length ? [{ list: lines }] : []));
  }
  return compose(
    notice.subject(payloads),
    [
      { p: "Hello," },
      { p: notice.intro },
      ...sections,
      { link: notice.link.path, label: notice.link.label },
      ...(notice.link.path === ROOM.path ? [] : [{ link: ROOM.path, label: ROOM.label }]),
      { before: "If this was not you, read", link: INTRUSION_ANSWER.path, label: INTRUSION_ANSWER.label },
      { p: "Roomdesk" },
    ],
    site,
  );
}

function renderAnswer(payload: MailPayloads["answer-sent"], site: URL): Rendered {
  const note = payload.note?.trim();
  return compose(
    `Roomdesk support sent you an answer: ${payload.title}`,
    [
      { p: "Hello," },
      { p: `${payload.sentBy.name} of Roomdesk support sent you this answer from the help centre.` },
      ...(note ? [{ p: `${payload.sentBy.name} wrote: ${note}` }] : []),
      { p: payload.title },
      ...(payload.excerpt ? [{ p: payload.excerpt }] : []),
      { link: payload.path, label: "Read the whole answer" },
      { p: `Sent by ${payload.sentBy.name}, Roomdesk support.` },
    ],
    site,
  );
}

/**
 * One message for one or more messages of a kind (a burst), in plain text and HTML with the same content. Links
 * are absolute on the site's public address; the HTML holds no image, style sheet or other remote resource.
 */
export function render<K extends MailKind>(kind: K, payloads: MailPayloads[K][], site: URL): Rendered {
  if (kind === "answer-sent") return renderAnswer((payloads as MailPayloads["answer-sent"][])[0]!, site);
  return renderNotice(kind as NoticeKind, payloads as MailPayloads[NoticeKind][], site);
}
