// Permanent redirects for renamed FAQ permalinks (content/published-slugs.json), in next.config's
// `redirects()` shape. Plain JavaScript, because next.config.mjs imports it.

/** @param {Readonly<Record<string, string>>} renames old slug -> current slug */
export function faqRedirects(renames) {
  return Object.entries(renames).map(([old, target]) => ({
    source: `/help/faq/${old}`,
    destination: `/help/faq/${target}`,
    permanent: true,
  }));
}
