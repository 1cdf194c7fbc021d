import { parse } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { allArticles, allFaqEntries } from "contentlayer/generated";
import { rules } from "@/lib/validation";

// The bodies pages show, as the content build rendered them (see mdxToHtml).
const bodies: [string, string][] = [
  ...allArticles.map((a): [string, string] => [`/help/${a.slug}`, a.html]),
  ...allFaqEntries.map((f): [string, string] => [`/help/faq/${f.slug}`, f.html]),
];

describe("help bodies rendered at build time", () => {
  it.each(bodies)("%s: every heading has a copy link to its own anchor, named after it", (_page, html) => {
    for (const heading of parse(html).querySelectorAll("h2, h3")) {
      const id = heading.getAttribute("id");
      expect(id, heading.text).toBeTruthy();
      const control = heading.parentNode?.querySelector(`a[data-copy-link][href="#${id}"]`);
      expect(control?.text, id).toBe(`Copy link to ${heading.text}`);
    }
  });

  it("renders every rule from lib/validation into its article, with its anchor and a copy link to it", () => {
    for (const rule of rules) {
      const [pathname, anchor] = rule.help.split("#");
      const html = bodies.find(([page]) => page === pathname)?.[1] ?? "";
      const item = parse(html).querySelector(`[id="${anchor}"]`);
      expect(item?.text, rule.id).toContain(rule.rule);
      expect(item?.querySelector(`a[data-copy-link][href="#${anchor}"]`), rule.id).toBeTruthy();
    }
  });
});
