import published from "@/content/published-slugs.json";

// The record of every help URL ever published (content/published-slugs.json). A renamed FAQ slug keeps
// a permanent redirect (next.config.mjs reads the same file) and its old id as an alias anchor on /help/faq.

export type Renames = Readonly<Record<string, string>>;

export const PUBLISHED_ARTICLE_SLUGS: readonly string[] = published.articles;
export const PUBLISHED_FAQ_SLUGS: readonly string[] = published.faq;
export const FAQ_RENAMES: Renames = published.faqRenames;

/** The old ids that must stay on /help/faq as anchors, keyed by the answer each became. */
export function faqAliases(renames: Renames = FAQ_RENAMES): Map<string, string[]> {
  const aliases = new Map<string, string[]>();
  for (const [old, target] of Object.entries(renames)) aliases.set(target, [...(aliases.get(target) ?? []), old]);
  return aliases;
}

/** Permanent redirects for renamed permalinks, in next.config's `redirects()` shape. */
export function faqRedirects(renames: Renames = FAQ_RENAMES) {
  return Object.entries(renames).map(([old, target]) => ({
    source: `/help/faq/${old}`,
    destination: `/help/faq/${target}`,
    permanent: true,
  }));
}
