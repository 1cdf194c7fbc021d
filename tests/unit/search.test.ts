import { describe, expect, it } from "vitest";

// vitest.config.ts has no alias for Contentlayer's output yet; point it at the real generated content.

const { highlight, searchHelp, suggestArticles } = await import("@/lib/help/search");
const { articleBySlug, faqEntryBySlug, headingsOf, publishedArticles, publishedFaqEntries } =
  await import("@/lib/help/content");

// The product's promise (SPEC §6): plain questions put the right answer first. Tune the engine, not this table.
const FIRST_RESULT: Array<[query: string, expected: string[]]> = [
  ["password", ["/help/faq/how-can-i-edit-my-pmi-passcode", "/help/pmi-passcode"]],
  ["pascode", ["/help/faq/how-can-i-edit-my-pmi-passcode", "/help/pmi-passcode"]],
  ["intruder", ["/help/faq/what-should-i-do-if-someone-intrudes"]],
  ["meeting id", ["/help/personal-meeting-id"]],
  ["what is the difference between a pmi and a regular meeting", ["/help/pmi-vs-regular-meetings"]],
  ["class sessions", ["/help/faq/should-i-use-my-pmi-for-class-sessions"]],
  ["how do i add a waiting room", ["/help/faq/how-do-i-add-a-waiting-room-to-my-pmi"]],
  [
    "someone crashed my meeting",
    ["/help/faq/what-should-i-do-if-someone-intrudes", "/help/pmi-best-practices#if-someone-intrudes"],
  ],
  ["change my personal link", ["/help/faq/how-do-i-customize-my-pmi", "/help/customize-your-pmi-and-link"]],
  ["do i need a passcode", ["/help/faq/do-i-have-to-use-a-passcode-with-my-pmi"]],
  ["reserved prefix", ["/help/customize-your-pmi-and-link"]],
  ["zoombombing", ["/help/faq/what-should-i-do-if-someone-intrudes", "/help/pmi-best-practices#if-someone-intrudes"]],
  ["lobby", ["/help/faq/how-do-i-add-a-waiting-room-to-my-pmi", "/help/waiting-room"]],
  ["change my url", ["/help/faq/how-do-i-customize-my-pmi", "/help/customize-your-pmi-and-link"]],
  ["personal meeting id", ["/help/personal-meeting-id"]],
  ["can i hold office hours in my room", ["/help/pmi-best-practices#be-careful-with-office-hours"]],
  ["join before host", ["/help/waiting-room#waiting-room-passcode-and-join-before-host"]],
  ["pmi", ["/help/personal-meeting-id"]],
  ["passc", ["/help/faq/how-can-i-edit-my-pmi-passcode", "/help/pmi-passcode"]],
];

/** The page an href points at exists and is published; an article anchor is one of its headings. */
function resolves(href: string): boolean {
  const [path = "", anchor] = href.split("#");
  const faq = /^\/help\/faq\/([\w-]+)$/.exec(path);
  if (faq) return anchor === undefined && Boolean(faqEntryBySlug(faq[1] ?? ""));
  const article = articleBySlug(/^\/help\/([\w-]+)$/.exec(path)?.[1] ?? "");
  if (!article) return false;
  return anchor === undefined || headingsOf(article).some((h) => h.id === anchor);
}

describe("searchHelp ranks the right answer first", () => {
  it.each(FIRST_RESULT)("%s", (query, expected) => {
    const first = searchHelp(query)[0];
    expect(first, `no results for "${query}"`).toBeDefined();
    expect(
      expected.some((prefix) => first!.href.startsWith(prefix)),
      `"${query}" -> ${first!.href}`,
    ).toBe(true);
  });
});

describe("searchHelp input handling", () => {
  it("returns nothing for an empty or blank query", () => {
    expect(searchHelp("")).toEqual([]);
    expect(searchHelp("   \n\t ")).toEqual([]);
    expect(searchHelp("the and of a")).toEqual([]);
  });

  it("never throws on garbage or very long input", () => {
    const inputs = [
      "*&^%$",
      "x".repeat(10_000),
      "passcode ".repeat(2_000),
      "()[]{}<>\\/'\"`~",
      "\u0000\uD800💥",
      "AND OR NOT",
    ];
    for (const input of inputs) expect(() => searchHelp(input)).not.toThrow();
    expect(searchHelp("*&^%$")).toEqual([]);
  });

  it("honours the limit", () => {
    expect(searchHelp("passcode", 3)).toHaveLength(3);
    expect(searchHelp("passcode").length).toBeLessThanOrEqual(10);
  });
});

describe("search results", () => {
  const queries = [...FIRST_RESULT.map(([q]) => q), "passcode", "room", "meeting", "link", "rules"];
  const all = queries.flatMap((q) => searchHelp(q, 50).map((r) => ({ q, r })));

  it("point only at published pages and real anchors", () => {
    const published = new Set([
      ...publishedArticles().map((a) => `/help/${a.slug}`),
      ...publishedFaqEntries().map((f) => `/help/faq/${f.slug}`),
    ]);
    for (const { r } of all) {
      expect(published.has(r.href.split("#")[0] ?? ""), r.href).toBe(true);
      expect(resolves(r.href), r.href).toBe(true);
      expect(r.kind).toBe(r.href.startsWith("/help/faq/") ? "faq" : "article");
    }
  });

  it("never list the FAQ index article itself (its answers are listed one by one)", () => {
    for (const { r } of all) expect(r.href.startsWith("/help/faq#") || r.href === "/help/faq").toBe(false);
  });

  it("have no duplicate hrefs", () => {
    for (const q of queries) {
      const hrefs = searchHelp(q, 50).map((r) => r.href);
      expect(new Set(hrefs).size, q).toBe(hrefs.length);
    }
  });

  it("cover every section of every article, each with a heading id from headingsOf()", () => {
    for (const article of publishedArticles().filter((a) => a.slug !== "faq")) {
      for (const heading of headingsOf(article)) {
        const hits = searchHelp(heading.text, 50).map((r) => r.href);
        expect(hits, heading.text).toContain(`/help/${article.slug}#${heading.id}`);
      }
    }
  });

  it("carry a snippet with a matched word that highlight() marks", () => {
    for (const { q, r } of all) {
      expect(r.snippet.length, r.href).toBeGreaterThan(0);
      expect(r.snippet.length, r.href).toBeLessThanOrEqual(230);
      expect(r.terms.length, `${q} -> ${r.href}`).toBeGreaterThan(0);
      const marked = highlight(`${r.title} ${r.snippet}`, r.terms).filter((p) => p.match);
      expect(marked.length, `${q} -> ${r.href}`).toBeGreaterThan(0);
    }
    const [top] = searchHelp("pascode");
    expect(top!.terms).toContain("passcode");
    expect(highlight(top!.snippet, top!.terms).some((p) => p.match && /^passcodes?$/i.test(p.text))).toBe(true);
  });

  it("make rule wording from the rule table searchable", () => {
    // "consecutive" appears only in the pmi rules that <RuleList group="pmi" /> renders.
    const [hit] = searchHelp("consecutive digits");
    expect(hit?.href).toBe("/help/customize-your-pmi-and-link#rules-for-a-personal-meeting-id");
    expect(hit!.snippet).toMatch(/run of consecutive digits/i);
    expect(searchHelp("reserved prefix")[0]!.snippet).toMatch(/800/);
  });

  it("strip MDX syntax from snippets", () => {
    for (const { r } of all) expect(r.snippet, r.href).not.toMatch(/\*\*|\]\(|<\/?[A-Z]|^#+\s|`/);
  });
});

describe("highlight", () => {
  it("marks whole words by stem, case-insensitively, and keeps every character", () => {
    const text = "Passcodes keep guests out; the passcode-protected room.";
    const parts = highlight(text, ["passcode"]);
    expect(parts.map((p) => p.text).join("")).toBe(text);
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(["Passcodes", "passcode"]);
  });

  it("marks nothing without terms", () => {
    expect(highlight("Some text.", [])).toEqual([{ text: "Some text.", match: false }]);
    expect(highlight("", ["x"])).toEqual([]);
  });
});

describe("suggestArticles", () => {
  it("offers a few published articles to start from", () => {
    const suggestions = suggestArticles();
    expect(suggestions.length).toBeGreaterThanOrEqual(2);
    for (const s of suggestions) expect(resolves(s.href), s.href).toBe(true);
  });
});
