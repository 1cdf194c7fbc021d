import published from "@/content/published-slugs.json";

// The record of every help URL ever published (content/published-slugs.json). A renamed FAQ slug keeps
// a permanent redirect (lib/help/redirects.mjs, read by next.config.mjs) and its old id as an alias anchor on /help/faq.

type Renames = Readonly<Record<string, string>>;

const FAQ_RENAMES: Renames = published.faqRenames;

/** The old ids that must stay on /help/faq as anchors, keyed by the answer each became. */
export function faqAliases(renames: Renames = FAQ_RENAMES): Map<string, string[]> {
  const aliases = new Map<string, string[]>();
  for (const [old, target] of Object.entries(renames)) aliases.set(target, [...(aliases.get(target) ?? []), old]);
  return aliases;
}
