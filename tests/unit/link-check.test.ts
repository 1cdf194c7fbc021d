import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkLinks, linkReport, type Page } from "@/lib/help/link-check";

const knownRoutes = ["/room", "/meetings", "/help/search", /^\/j\/\d+$/];
const html = (body: string) => `<!DOCTYPE html><html><head><title>t</title></head><body>${body}</body></html>`;
const check = (pages: Page[]) => checkLinks(pages, { knownRoutes });

const faq = {
  path: "/help/faq",
  html: html(`<h1 id="faq">FAQ</h1><section id="how-do-i-customize-my-pmi">A</section>`),
};
const one = (body: string, extra: Page[] = []) => check([{ path: "/help/a", html: html(body) }, faq, ...extra]);

describe("checkLinks", () => {
  it("reports a link to a page that does not exist", () => {
    expect(one(`<a href="/help/nope">x</a>`)).toEqual([
      { page: "/help/a", href: "/help/nope", reason: "no such page" },
    ]);
  });

  it("reports an anchor missing on the target page", () => {
    const problems = one(`<a href="/help/faq#gone">x</a><a href="/help/faq#how-do-i-customize-my-pmi">ok</a>`);
    expect(problems).toEqual([
      { page: "/help/a", href: "/help/faq#gone", reason: 'no element with id "gone" on /help/faq' },
    ]);
  });

  it("reports a same-page anchor that is missing, and accepts one that exists", () => {
    const problems = one(`<h2 id="here">H</h2><a href="#here">ok</a><a href="#missing">x</a>`);
    expect(problems.map((p) => p.href)).toEqual(["#missing"]);
  });

  it("accepts ids made by components, <a name> anchors and a bare #", () => {
    const rules = {
      path: "/help/rules",
      html: html(`<ul><li id="rule-pmi-length">rendered by RuleList</li></ul><a name="legacy"></a>`),
    };
    expect(
      one(`<a href="/help/rules#rule-pmi-length">r</a><a href="/help/rules#legacy">l</a><a href="#">top</a>`, [rules]),
    ).toEqual([]);
  });

  it("accepts links to known dynamic routes, including patterns", () => {
    expect(
      one(
        `<a href="/room">r</a><a href="/meetings/">m</a><a href="/help/search?q=passcode">s</a><a href="/j/1234567890">j</a>`,
      ),
    ).toEqual([]);
    expect(one(`<a href="/j/abc">x</a>`)).toEqual([{ page: "/help/a", href: "/j/abc", reason: "no such page" }]);
  });

  it("reports an anchor on a dynamic route, which has no HTML to check", () => {
    expect(one(`<a href="/room#waiting-room">x</a>`)).toEqual([
      { page: "/help/a", href: "/room#waiting-room", reason: "cannot verify anchor on a dynamic page" },
    ]);
  });

  it("ignores external links and mailto, tel and javascript hrefs", () => {
    const body = [
      "https://example.com/help/nope#x",
      "http://example.com",
      "//cdn.example.com/x",
      "mailto:support@example.com",
      "tel:+15551234",
      "javascript:void(0)",
    ].map((href) => `<a href="${href}">x</a>`);
    expect(one(body.join(""))).toEqual([]);
    expect(linkReport([{ path: "/help/a", html: html(body.join("")) }], { knownRoutes }).links).toBe(0);
  });

  it("normalizes trailing slashes and query strings, and resolves relative links", () => {
    expect(
      one(
        `<a href="/help/faq/">a</a><a href="/help/faq?x=1#faq">b</a><a href="faq#faq">c</a><a href="../help/faq">d</a>`,
      ),
    ).toEqual([]);
    const index = { path: "/help/", html: html(`<a href="/help/a">a</a>`) };
    expect(one(`<a href="/help">i</a><a href="?page=2">self</a>`, [index])).toEqual([]);
  });

  it("decodes percent-encoded fragments and entity-encoded attributes", () => {
    const target = { path: "/help/t", html: html(`<h2 id="café">C</h2><h2 id="a b">S</h2><h2 id="q&amp;a">Q</h2>`) };
    expect(
      one(
        `<a href="/help/t#caf%C3%A9">1</a><a href="/help/t#café">2</a><a href="/help/t#a%20b">3</a><a href="/help/t#q&amp;a">4</a>`,
        [target],
      ),
    ).toEqual([]);
    expect(one(`<a href="/help/t#caf%C3%A8">x</a>`, [target])[0]?.reason).toBe('no element with id "cafè" on /help/t');
  });

  it("checks the canonical link, reports each broken href once per page, and ignores links in scripts", () => {
    const body = `<link rel="canonical" href="/help/old"/><a href="/help/x">1</a><a href="/help/x">2</a><script>"<a href='/help/y'>"</script>`;
    expect(one(body).map((p) => p.href)).toEqual(["/help/old", "/help/x"]);
  });

  it("treats absolute links to the site's own origin (canonical links) as internal, and other origins as external", () => {
    const page = (body: string) => ({ path: "/help/a", html: html(body) });
    const check = (body: string) =>
      linkReport([page(body)], { knownRoutes, siteOrigin: "https://rooms.example.edu" }).problems.map((p) => p.href);
    expect(check(`<link rel="canonical" href="https://rooms.example.edu/help/gone"/>`)).toEqual([
      "https://rooms.example.edu/help/gone",
    ]);
    expect(check(`<link rel="canonical" href="https://rooms.example.edu/help/a"/>`)).toEqual([]);
    expect(check(`<a href="https://elsewhere.example/help/gone">x</a>`)).toEqual([]);
  });

  it("checks only source pages but accepts every page as a target", () => {
    const pages = [
      { path: "/", html: html(`<a href="/broken">x</a>`) },
      { path: "/help", html: html(`<a href="/#top">x</a>`) },
    ];
    const report = linkReport(pages, { knownRoutes, isSource: (p) => p.startsWith("/help") });
    expect(report.problems).toEqual([{ page: "/help", href: "/#top", reason: 'no element with id "top" on /' }]);
    expect(report).toMatchObject({ pages: 1, links: 1 });
  });
});

describe("scripts/check-links.ts", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "link-check-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  // Lays files out the way `next build` writes .next/server/app, including files the CLI must skip.
  const buildDir = (name: string, files: Record<string, string>) => {
    const dir = path.join(tmp, name);
    const all = { "_not-found.html": html(`<a href="/nowhere">x</a>`), "index.rsc": "", "help.meta": "{}", ...files };
    for (const [file, content] of Object.entries(all)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
    return dir;
  };

  const run = (...args: string[]) => {
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    try {
      const stdout = execFileSync(tsx, ["--conditions=react-server", "scripts/check-links.ts", ...args], {
        encoding: "utf8",
        stdio: "pipe",
      });
      return { code: 0, output: stdout };
    } catch (error) {
      const e = error as { status: number; stdout: string; stderr: string };
      return { code: e.status, output: e.stdout + e.stderr };
    }
  };

  const pages = {
    "index.html": html(`<a href="/help">help</a>`),
    "help.html": html(`<a href="/help/waiting-room#turn-on">w</a><a href="/room">r</a>`),
    "help/faq.html": html(`<section id="how-do-i-customize-my-pmi">A</section>`),
    "help/faq/how-do-i-customize-my-pmi.html": html(
      `<a href="/help/faq#how-do-i-customize-my-pmi">all</a><a href="/my/ada.l">j</a>`,
    ),
  };

  it("fails with the problem listed when a help page has a broken link", () => {
    const dir = buildDir("broken", {
      ...pages,
      "help/waiting-room.html": html(`<h2 id="turn-on">T</h2><a href="/help/pmi-pascode">x</a>`),
    });
    const { code, output } = run(dir);
    expect(code).toBe(1);
    expect(output).toContain("/help/waiting-room: /help/pmi-pascode — no such page");
    expect(output).not.toContain("/nowhere");
  }, 30_000);

  it("passes on a clean build", () => {
    const dir = buildDir("clean", { ...pages, "help/waiting-room.html": html(`<h2 id="turn-on">T</h2>`) });
    const { code, output } = run(dir);
    expect(output).toContain("Checked 4 help pages, 4 links: no broken links.");
    expect(code).toBe(0);
  }, 30_000);

  it("fails when the directory is missing or holds no help pages", () => {
    expect(run(path.join(tmp, "missing")).code).toBe(1);
    const { code, output } = run(buildDir("empty", { "index.html": html("") }));
    expect(code).toBe(1);
    expect(output).toContain("no prerendered help pages");
  }, 30_000);
});
