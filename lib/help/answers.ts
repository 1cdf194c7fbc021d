import "server-only";
import { articleBySlug, articleHref, FAQ_SLUG, faqEntryBySlug, faqHref, headingsOf } from "./content";
import { sectionTitle } from "./search";
import { mdxToText, splitSections } from "./search-text";

/** An answer as support sends it: its title, its first paragraph as plain text, and its permanent path. */
export type Answer = { title: string; excerpt: string; path: string };

const EXCERPT_MAX = 500;

function shorten(text: string): string {
  if (text.length <= EXCERPT_MAX) return text;
  const cut = text.lastIndexOf(" ", EXCERPT_MAX - 1);
  return `${text.slice(0, cut > 0 ? cut : EXCERPT_MAX - 1)}…`;
}

/** The first block of `mdx` (up to a blank line) that reads as text; code blocks and imports are skipped. */
export function firstParagraph(mdx: string): string {
  const blocks: string[][] = [[]];
  let fenced = false;
  for (const line of mdx.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) continue;
    if (line.trim() === "") blocks.push([]);
    else blocks[blocks.length - 1]!.push(line);
  }
  for (const block of blocks) {
    const text = mdxToText(block.join("\n"));
    if (text) return shorten(text);
  }
  return "";
}

// The paths the answer finder links to: /help/faq/<question>, /help/<article> and /help/<article>#<heading>.
// An answer's anchor on the FAQ page (/help/faq#<question>) is the same answer, sent by its own page.
const PATH = /^\/help\/([^/#?\s]+)(?:\/([^/#?\s]+)|#([^/#?\s]+))?$/;

/** The published answer at `path`, or null for anything else (a draft, an unknown heading, another page). */
export function answerByPath(path: string): Answer | null {
  const match = PATH.exec(path);
  if (!match) return null;
  const [, slug, question, anchor] = match as unknown as [string, string, string | undefined, string | undefined];
  if (slug === FAQ_SLUG) {
    const faq = faqEntryBySlug(question ?? anchor ?? "");
    return faq ? { title: faq.question, excerpt: firstParagraph(faq.body.raw), path: faqHref(faq.slug) } : null;
  }
  const article = question === undefined ? articleBySlug(slug) : undefined;
  if (!article) return null;
  const [intro, ...sections] = splitSections(article.body.raw);
  if (anchor === undefined) {
    const excerpt = firstParagraph(intro?.body ?? "") || article.description;
    return { title: article.title, excerpt, path: articleHref(article.slug) };
  }
  // splitSections() and the headings read the same ##/### lines, so section i is heading i.
  const index = headingsOf(article).findIndex((heading) => heading.id === anchor);
  const heading = headingsOf(article)[index];
  if (!heading) return null;
  return {
    title: sectionTitle(article.title, heading.text),
    excerpt: firstParagraph(sections[index]?.body ?? ""),
    path: articleHref(article.slug, heading.id),
  };
}
