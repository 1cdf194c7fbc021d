import "server-only";
import MiniSearch, { type Query, type SearchOptions } from "minisearch";
import {
  type Article,
  articleHref,
  FAQ_SLUG,
  faqHref,
  headingsOf,
  publishedArticles,
  publishedFaqEntries,
  sections,
} from "@/lib/help/content";
import { highlight, makeSnippet, mdxToText, processTerm, splitSections, tokenize, wordsMatching } from "./search-text";

// Help-centre search: a MiniSearch (BM25+) index over published FAQ answers and article sections, built
// once per process from static content. Ranking is MiniSearch's; this module only shapes query and results.

export { highlight };

export type SearchResult = {
  id: string;
  kind: "faq" | "article";
  title: string;
  href: string;
  snippet: string;
  terms: string[];
  score: number;
};

// `heading` is what the reader sees as the answer's name; `article` is the parent article's title, kept in its
// own field so an article title repeated on every section neither dominates nor dilutes the heading.
export type HelpDoc = {
  id: string;
  kind: "faq" | "article";
  title: string;
  heading: string;
  article: string;
  text: string;
  href: string;
};

const MAX_QUERY_LENGTH = 200;

/**
 * Query words people use for things the content names differently, expanded at query time only. The weight
 * scales the added terms: an acronym standing in for a phrase counts half, because one rare term would
 * otherwise outrank the common words the reader actually typed ("meeting id" is not only about the PMI).
 */
const SYNONYMS: ReadonlyArray<readonly [from: string, to: string, weight: number]> = [
  ["password", "passcode", 1],
  ["pmi", "personal meeting id", 1],
  ["personal meeting id", "pmi", 0.5],
  ["meeting id", "pmi", 0.5],
  ["intruder", "intrude", 1],
  ["intrusion", "intrude", 1],
  ["zoombomb", "intrude", 1],
  ["crash", "intrude", 1],
  ["crasher", "intrude", 1],
  ["lobby", "waiting room", 1],
  ["url", "link", 1],
  ["need", "have to", 1], // "do I need a passcode" is the FAQ's "do I have to use a passcode"
];

const stemsOf = (text: string) => tokenize(text).flatMap((t) => processTerm(t) ?? []);

const SYNONYM_STEMS = SYNONYMS.map(([from, to, weight]) => ({ from: stemsOf(from), to, toStems: stemsOf(to), weight }));

const FAQ_BOOST = 1.3;

const SEARCH_OPTIONS: SearchOptions = {
  boost: { heading: 3, article: 0.5, text: 1 },
  // One typo in a word of 4+ characters (stemmed), none in short words where a typo is another word.
  fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
  maxFuzzy: 2,
  // The last word may still be being typed.
  prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 2,
  combineWith: "OR",
  // An FAQ answer is written to answer one plain question, and is the permalink support staff send.
  boostDocument: (id: string) => (id.startsWith("faq:") ? FAQ_BOOST : 1),
};

export function sectionTitle(articleTitle: string, heading: string): string {
  return /[?!.]$/.test(articleTitle) ? `${articleTitle} ${heading}` : `${articleTitle}: ${heading}`;
}

/** One document per article section; the text before the first heading is the article's own entry. */
function articleDocs(article: Article): HelpDoc[] {
  const headings = headingsOf(article);
  // splitSections() reads the same ##/### lines as contentlayer.config.ts, so section i+1 is headings[i].
  const [intro, ...rest] = splitSections(article.body.raw);
  const docs: HelpDoc[] = [
    {
      id: `article:${article.slug}`,
      kind: "article",
      title: article.title,
      heading: article.title,
      article: "",
      text: `${article.description} ${mdxToText(intro?.body ?? "")}`.trim(),
      href: articleHref(article.slug),
    },
  ];
  rest.forEach((section, i) => {
    const heading = headings[i];
    if (!heading) return;
    docs.push({
      id: `article:${article.slug}#${heading.id}`,
      kind: "article",
      title: sectionTitle(article.title, heading.text),
      heading: heading.text,
      article: article.title,
      text: mdxToText(section.body),
      href: articleHref(article.slug, heading.id),
    });
  });
  return docs;
}

/** What the help centre indexes: every published FAQ answer and article section. */
export function helpDocuments(): HelpDoc[] {
  const faqs: HelpDoc[] = publishedFaqEntries().map((faq) => ({
    id: `faq:${faq.slug}`,
    kind: "faq",
    title: faq.question,
    heading: faq.question,
    article: "",
    text: mdxToText(faq.body.raw),
    href: faqHref(faq.slug),
  }));
  // The FAQ article's page is the list of answers, which are indexed one by one above.
  const articles = publishedArticles().filter((a) => a.slug !== FAQ_SLUG);
  return [...faqs, ...articles.flatMap(articleDocs)];
}

export type SearchIndex = { search: MiniSearch<HelpDoc>; docs: Map<string, HelpDoc> };
let cached: SearchIndex | undefined;

export function searchIndex(docs: HelpDoc[]): SearchIndex {
  const search = new MiniSearch<HelpDoc>({
    fields: ["heading", "article", "text"],
    tokenize,
    processTerm,
    searchOptions: SEARCH_OPTIONS,
  });
  search.addAll(docs);
  return { search, docs: new Map(docs.map((d) => [d.id, d])) };
}

function containsRun(stems: readonly string[], run: readonly string[]): boolean {
  if (run.length === 0) return false;
  for (let i = 0; i + run.length <= stems.length; i++) {
    if (run.every((s, j) => stems[i + j] === s)) return true;
  }
  return false;
}

/** The query OR'd with the synonyms its words call for (each weighted, never prefix-matched). */
function expandQuery(query: string): Query {
  const stems = stemsOf(query);
  const byWeight = new Map<number, Set<string>>();
  for (const { from, to, toStems, weight } of SYNONYM_STEMS) {
    if (!containsRun(stems, from) || containsRun(stems, toStems)) continue;
    byWeight.set(weight, (byWeight.get(weight) ?? new Set()).add(to));
  }
  const expansions: Query[] = [...byWeight].map(([weight, terms]) => ({
    combineWith: "OR",
    prefix: false,
    boostTerm: () => weight,
    queries: [...terms],
  }));
  return expansions.length ? { combineWith: "OR", queries: [query, ...expansions] } : query;
}

// Built lazily and kept for the life of the process: the content is static, so it never goes stale.
export function searchHelp(query: string, limit = 10): SearchResult[] {
  cached ??= searchIndex(helpDocuments());
  return searchIn(cached, query, limit);
}

/** Ranked results from one index; the bench also runs it over generated articles to see how search grows. */
export function searchIn(index: SearchIndex, query: string, limit = 10): SearchResult[] {
  const q = (typeof query === "string" ? query : "").trim().slice(0, MAX_QUERY_LENGTH);
  const max = Number.isFinite(limit) ? Math.min(50, Math.max(1, Math.floor(limit))) : 10;
  if (!q || stemsOf(q).length === 0) return [];
  const { search, docs } = index;
  const results: SearchResult[] = [];
  const seen = new Set<string>();
  for (const hit of search.search(expandQuery(q))) {
    const doc = docs.get(String(hit.id));
    if (!doc || seen.has(doc.href)) continue;
    seen.add(doc.href);
    // MiniSearch reports the matched document terms, which are stems: map them back to words shown.
    const stems = new Set(hit.terms);
    const snippet = makeSnippet(doc.text, stems);
    const terms = wordsMatching(`${doc.title} ${snippet}`, stems);
    results.push({ id: doc.id, kind: doc.kind, title: doc.title, href: doc.href, snippet, terms, score: hit.score });
    if (results.length >= max) break;
  }
  return results;
}

/** Where to start when a search finds nothing: the first article of each help section. */
export function suggestArticles(): { title: string; href: string }[] {
  return sections().flatMap(({ articles }) => {
    const first = articles[0];
    return first ? [{ title: first.title, href: articleHref(first.slug) }] : [];
  });
}
