import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ruleArticles, rules, rulesInGroup, type RuleGroup } from "@/lib/validation";

const content = (slug: string) => path.join(process.cwd(), "content", "articles", `${slug}.mdx`);

describe("the rule table", () => {
  it("has unique ids and a one-line message for every rule", () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.message.length).toBeGreaterThan(5);
      expect(rule.message).not.toContain("\n");
    }
  });

  it("points every rule at an article that renders its group's rule list, where the anchor is made", () => {
    for (const rule of rules) {
      const [pathname, anchor] = rule.help.split("#");
      const slug = pathname!.replace("/help/", "");
      expect(anchor).toBe(`rule-${rule.id}`);
      const file = content(slug);
      expect(fs.existsSync(file), `${rule.id}: ${file}`).toBe(true);
      expect(fs.readFileSync(file, "utf8")).toContain(`<RuleList group="${rule.group}"`);
    }
  });

  it("covers every group", () => {
    for (const group of Object.keys(ruleArticles) as RuleGroup[]) expect(rulesInGroup(group).length).toBeGreaterThan(0);
  });
});
