import { describe, expect, it } from "vitest";
import type { MailKind } from "@/db/schema";
import type { MailPayloads } from "@/lib/mail/outbox";
import { retryDelaySeconds } from "@/lib/mail/sender";
import { render } from "@/lib/mail/templates";
import { parseEnv } from "@/lib/server/env";
import { BASE_SETTINGS, settingsProblems } from "../support/settings";

const site = new URL("https://rooms.example.edu");
const EXAMPLES: { [K in MailKind]: MailPayloads[K] } = {
  "room-changed": { changes: [{ field: "passcode", from: "set", to: "set" }] },
  "passcode-changed": { meeting: "Lab <meeting> & \"review\" 'q'" },
  "room-secured": { by: "support" },
  "password-changed": {},
  "new-sign-in": { at: "2026-03-02T09:00:00Z", client: "203.0.113.7" },
  "answer-sent": { subject: "Where is my <b>recording</b>?" },
};

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

  it("escapes what a notice carries in HTML, and keeps it as written in text", () => {
    const { text, html } = render("passcode-changed", [EXAMPLES["passcode-changed"]], site);
    expect(html).toContain("Meeting: Lab &lt;meeting&gt; &amp; &quot;review&quot; &#39;q&#39;");
    expect(text).toContain(`Meeting: Lab <meeting> & "review" 'q'`);
  });

  it("a burst lists each notice's lines once, in order; a passcode shows only as changed", () => {
    const { text } = render(
      "room-changed",
      [
        { changes: [{ field: "waitingRoom", from: true, to: false }] },
        { changes: [{ field: "passcode", from: "none", to: "set" }] },
        { changes: [{ field: "waitingRoom", from: true, to: false }] },
      ],
      site,
    );
    expect(text).toContain("\n- Waiting room: on → off\n- Passcode set\n\n");
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
