import { describe, expect, it } from "vitest";
import type { MailKind } from "@/db/schema";
import type { MailPayloads } from "@/lib/mail/outbox";
import { retryDelaySeconds } from "@/lib/mail/sender";
import { render } from "@/lib/mail/templates";
import type { Origin } from "@/lib/mail/messages";
import { describeBrowser } from "@/lib/server/browser";
import { parseEnv } from "@/lib/server/env";
import { BASE_SETTINGS, settingsProblems } from "../support/settings";

const site = new URL("https://rooms.example.edu");
const origin: Origin = { at: "2026-03-02T09:00:00Z", address: "203.0.113.7", browser: "Firefox on Windows" };
const EXAMPLES: { [K in MailKind]: MailPayloads[K] } = {
  "room-changed": { changes: [{ field: "pmi", from: "4155550134", to: "4155550199" }], origin },
  "passcode-changed": { change: "changed", meeting: "Lab <meeting> & \"review\" 'q'", origin },
  "room-secured": { origin: { ...origin, support: "Grace Hopper" } },
  "password-changed": { origin },
  "new-sign-in": { origin },
  "answer-sent": {
    title: "Where is my <b>recording</b>?",
    excerpt: "Recordings are in the cloud.",
    path: "/help/faq/where-is-my-recording",
    note: "As we discussed",
    sentBy: { id: 2, name: "Grace Hopper" },
  },
};
const NOTICES = (Object.keys(EXAMPLES) as MailKind[]).filter((kind) => kind !== "answer-sent");

describe("mail templates", () => {
  for (const kind of Object.keys(EXAMPLES) as MailKind[]) {
    it(`${kind}: text and HTML alike, links absolute on SITE_URL, nothing loaded from anywhere`, () => {
      const { subject, text, html } = render(kind, [EXAMPLES[kind]], site);
      expect(subject.length).toBeGreaterThan(0);
      const links = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) {
        expect(link.startsWith("https://rooms.example.edu/")).toBe(true);
        expect(text).toContain(link);
      }
      // Every tag is one of a short list: no image, style sheet, script, frame or form.
      const tags = new Set([...html.matchAll(/<\/?([a-z!]+)/gi)].map((m) => m[1]!.toLowerCase()));
      expect(
        [...tags].filter(
          (t) => !["!doctype", "html", "head", "meta", "title", "body", "p", "ul", "li", "a"].includes(t),
        ),
      ).toEqual([]);
      expect(html).not.toMatch(/\s(src|style|background)=/i);
    });
  }

  for (const kind of NOTICES) {
    it(`${kind}: says when, from which address and browser, and links to the room and the intrusion answer`, () => {
      const { text } = render(kind, [EXAMPLES[kind]], site);
      expect(text).toMatch(/on Mar 2, 2026, 9:00\s?AM UTC from 203\.0\.113\.7 \(Firefox on Windows\)/);
      expect(text).toContain("https://rooms.example.edu/room");
      expect(text).toContain(
        "What should I do if someone intrudes?: https://rooms.example.edu/help/faq/what-should-i-do-if-someone-intrudes",
      );
    });
  }

  it("says which support person secured a room", () => {
    const { subject, text } = render("room-secured", [EXAMPLES["room-secured"]], site);
    expect(subject).toBe("Support secured your meeting room");
    expect(text).toContain("by Grace Hopper of support");
  });

  it("an answer carries its title, first paragraph, permanent link, the note and who sent it", () => {
    const { subject, text } = render("answer-sent", [EXAMPLES["answer-sent"]], site);
    expect(subject).toBe("Roomdesk support sent you an answer: Where is my <b>recording</b>?");
    expect(text).toContain("Where is my <b>recording</b>?\n\nRecordings are in the cloud.");
    expect(text).toContain("Read the whole answer: https://rooms.example.edu/help/faq/where-is-my-recording");
    expect(text).toContain("Grace Hopper wrote: As we discussed");
    expect(text).toContain("Sent by Grace Hopper, Roomdesk support.");
  });

  it("escapes what a notice carries in HTML, and keeps it as written in text", () => {
    const { text, html } = render("passcode-changed", [EXAMPLES["passcode-changed"]], site);
    expect(html).toContain("the meeting “Lab &lt;meeting&gt; &amp; &quot;review&quot; &#39;q&#39;” changed");
    expect(text).toContain(`the meeting “Lab <meeting> & "review" 'q'” changed`);
  });

  it("a burst lists each notice under its own time and place, a repeated one once", () => {
    const later = { ...origin, at: "2026-03-02T09:00:40Z", address: "198.51.100.2" };
    const { subject, text } = render(
      "room-changed",
      [
        { changes: [{ field: "waitingRoom", from: true, to: false }], origin },
        { changes: [{ field: "link", from: "ada.l", to: "ada.lovelace" }], origin: later },
        { changes: [{ field: "waitingRoom", from: true, to: false }], origin },
      ],
      site,
    );
    expect(subject).toBe("Your meeting room was changed: Waiting room, Personal link");
    expect(text).toMatch(
      /203\.0\.113\.7 \(Firefox on Windows\):\n\n- Waiting room: on → off\n\nChanged on [^\n]* from 198\.51\.100\.2 \(Firefox on Windows\):\n\n- Personal link: ada\.l → ada\.lovelace\n\n/,
    );
    expect(text.match(/Waiting room: on → off/g)).toHaveLength(1);
  });

  it("names a browser in a few words from its User-Agent", () => {
    const cases: Array<[string | null, string]> = [
      ["Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox on Windows"],
      [
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        "Safari on macOS",
      ],
      [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0",
        "Edge on Windows",
      ],
      [
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
        "Chrome on Android",
      ],
      [
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        "Safari on iPhone",
      ],
      [
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
        "Chrome on Linux",
      ],
      ["curl/8.5.0", "curl"],
      [null, "an unknown browser"],
    ];
    for (const [ua, expected] of cases) expect(describeBrowser(ua)).toBe(expected);
  });

  it("retries after the base delay, doubling up to 64 times it", () => {
    expect([1, 2, 3, 7, 8, 20].map((n) => retryDelaySeconds(n, 60))).toEqual([60, 120, 240, 3840, 3840, 3840]);
  });
});

describe("mail settings", () => {
  const base = BASE_SETTINGS;
  const problems = settingsProblems;

  it("default to files, a minute's burst window and a day of retries", () => {
    const e = parseEnv(base);
    expect(e).toMatchObject({ MAIL_BURST_SECONDS: 60, MAIL_RETRY_BASE_SECONDS: 60, MAIL_GIVE_UP_SECONDS: 86_400 });
    expect(e.SMTP_URL).toBeUndefined();
    expect(e.MAIL_DIR).toMatch(/data[/\\]mail$/);
  });

  it("need MAIL_FROM and SITE_URL with SMTP_URL, and an smtp:// or smtps:// URL", () => {
    const smtp = { SMTP_URL: "smtps://user:pass@mail.example.edu:465" };
    expect(problems(smtp)).toContain("MAIL_FROM is required when SMTP_URL is set");
    expect(problems(smtp)).toContain("SITE_URL is required when SMTP_URL is set");
    expect(problems({ ...smtp, MAIL_FROM: "Rooms <rooms@example.edu>", SITE_URL: "https://rooms.example.edu" })).toBe(
      "",
    );
    expect(problems({ SMTP_URL: "mail.example.edu:587" })).toContain("SMTP_URL must be an smtp://");
    expect(problems({ SITE_URL: "rooms.example.edu" })).toContain("SITE_URL");
  });
});
