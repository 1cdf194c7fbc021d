import "server-only";
import { allArticles, allFaqEntries, type Article, type FaqEntry } from "contentlayer/generated";

// The only module that reads Contentlayer's output. One `published` filter serves page params, pages,
// navigation and search alike, so a draft is unreachable everywhere at once.
export type { Article, FaqEntry };
export type Heading = { level: number; text: string; id: string };

/** The FAQ index is an article (its intro) plus every answer, at its own route. */
export const FAQ_SLUG = "faq";

const isPublished = (doc: { published: boolean }) => doc.published;

export function publishedArticles(): Article[] {
  return allArticles.filter(isPublished).sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
}

export function publishedFaqEntries(): FaqEntry[] {
  return allFaqEntries.filter(isPublished).sort((a, b) => a.order - b.order);
}

export function articleBySlug(slug: string): Article | undefined {
  return publishedArticles().find((a) => a.slug === slug);
}

export function faqEntryBySlug(slug: string): FaqEntry | undefined {
  return publishedFaqEntries().find((f) => f.slug === slug);
}

export function headingsOf(article: Article): Heading[] {
  return (article.headings ?? []) as Heading[];
}

// Sections appear in this order; a section no one listed yet still shows, after these.
const SECTION_ORDER = ["Getting started", "Your personal room", "Security", "FAQ"];

type Section = { name: string; articles: Article[] };

/** Navigation from frontmatter: every published article under its section. */
export function sections(): Section[] {
  const bySection = new Map<string, Article[]>();
  for (const article of publishedArticles()) {
    bySection.set(article.section, [...(bySection.get(article.section) ?? []), article]);
  }
  const rank = (name: string) => {
    const i = SECTION_ORDER.indexOf(name);
    return i === -1 ? SECTION_ORDER.length : i;
  };
  return [...bySection.entries()]
    .map(([name, articles]) => ({ name, articles }))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

export function articleHref(slug: string, anchor?: string): string {
  return `/help/${slug}${anchor ? `#${anchor}` : ""}`;
}

export function faqHref(slug: string): string {
  return `/help/faq/${slug}`;
}

export function relatedArticles(slugs: readonly string[]): Article[] {
  return slugs.map(articleBySlug).filter((a): a is Article => Boolean(a));
}
