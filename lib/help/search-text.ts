import { stemmer } from "stemmer";
import { ruleArticles, rulesInGroup, type RuleGroup } from "@/lib/validation/rules";

// Text handling shared by the index and the results page: MDX to plain text, the one tokenizer and term
// processor (so indexing, querying, snippets and highlighting all agree), snippets and highlighting.

/**
 * Words that carry no meaning in a question; dropping them lets "what is the difference..." match. "have" is
 * not one: "do I have to use a passcode" is a real question (see the "need" synonym in search.ts).
 */
const STOP_WORDS = new Set(
  (
    "a an the and or but if then so of to in on at by for with from as into onto about over " +
    "is are was were be been being am do does did doing done has had having " +
    "i me my mine myself you your yours we our ours us it its they them their he she his her " +
    "this that these those there here what which who whom whose when where why how " +
    "can could should would will shall may might must just also than too very some any all each " +
    "up out between"
  ).split(" "),
);

// A word is letters or digits, with inner apostrophes ("don't", "room's") kept so they read as one word.
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** The tokenizer for MiniSearch; it drops stop words too, so BM25's field lengths count only real words. */
export function tokenize(text: string): string[] {
  return (text.match(WORD) ?? []).filter((word) => processTerm(word) !== null);
}

/** Lower-case, drop stop words and contractions, then Porter-stem, so "intruder" meets "intrudes". */
export function processTerm(term: string): string | null {
  const [base = "", suffix] = term.toLowerCase().split(/['’]/);
  // "don't", "I'd", "you're" are function words; "room's" is "room" (and "I'd" must not become "id").
  if (suffix !== undefined && suffix !== "s") return null;
  if (!base || STOP_WORDS.has(base)) return null;
  return stemmer(base);
}

const isRuleGroup = (group: string): group is RuleGroup => Object.hasOwn(ruleArticles, group);

const ruleText = (group: string) =>
  isRuleGroup(group)
    ? rulesInGroup(group)
        .map((r) => r.rule)
        .join(" ")
    : "";

/** One MDX block (no headings) as plain text: what a reader sees, including the rule lists' wording. */
export function mdxToText(mdx: string): string {
  const lines: string[] = [];
  const source = mdx
    .replace(/<RuleList\s+group=["']([\w-]+)["']\s*\/>/g, (_, group: string) => `\n${ruleText(group)}\n`)
    .replace(/<\/?[A-Z][\w.]*(?:\s[^>]*)?\/?>/g, "\n") // other components: keep their children only
    .replace(/<!--[\s\S]*?-->/g, "");
  for (const raw of source.split("\n")) {
    if (/^\s*(```|~~~|import\s|export\s)/.test(raw)) continue;
    const isItem = /^\s*(?:[-*+]|\d+[.)])\s+/.test(raw);
    let line = raw
      .replace(/^\s*(?:#{1,6}|>|[-*+]|\d+[.)])\s+/, "")
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/`([^`]*)`/g, "$1")
      .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
      .replace(/(?<![\w*])([*_])(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])/g, "$2")
      .trim();
    if (!line) continue;
    // A list item without its own full stop would run into the next one in a snippet.
    if (isItem && !/[.!?:;,]$/.test(line)) line += ";";
    lines.push(line);
  }
  return lines.join(" ").replace(/\s+/g, " ").trim();
}

type MdxSection = { heading: string | null; body: string };

/** Splits an article at its ## and ### headings, the same lines contentlayer.config.ts turns into ids. */
export function splitSections(raw: string): MdxSection[] {
  const sections: MdxSection[] = [{ heading: null, body: "" }];
  let fenced = false;
  for (const line of raw.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    const match = !fenced && /^(#{2,3})\s+(.+?)\s*#*\s*$/.exec(line);
    if (match) sections.push({ heading: match[2] ?? "", body: "" });
    else sections[sections.length - 1]!.body += `${line}\n`;
  }
  return sections;
}

const ELLIPSIS = "…";

/**
 * About 200 characters of `text` around a word whose stem is in `stems`: the first such word whose window
 * shows the most different matched words, so "consecutive digits" shows "consecutive" and not just "digit".
 */
export function makeSnippet(text: string, stems: ReadonlySet<string>, size = 200): string {
  if (text.length <= size + 20) return text;
  const hits = [...text.matchAll(WORD)].flatMap((m) => {
    const stem = processTerm(m[0]);
    return stem && stems.has(stem) ? [{ at: m.index, stem }] : [];
  });
  let at = 0;
  let best = 0;
  for (const hit of hits) {
    const seen = new Set(hits.filter((h) => h.at >= hit.at && h.at < hit.at + size - 80).map((h) => h.stem));
    if (seen.size > best) [at, best] = [hit.at, seen.size];
  }
  // Start a little before the match, on a word boundary, so the reader sees it in context.
  let start = Math.max(0, Math.min(at - 60, text.length - size));
  if (start > 0) start = text.indexOf(" ", start) + 1 || start;
  let end = Math.min(text.length, start + size);
  if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
  const body = text.slice(start, end).trim();
  return `${start > 0 ? ELLIPSIS : ""}${body}${end < text.length ? ELLIPSIS : ""}`;
}

/** The distinct words in `text` (lower case) whose stem is one of `stems`: the words to highlight. */
export function wordsMatching(text: string, stems: ReadonlySet<string>): string[] {
  const words = new Set<string>();
  for (const m of text.matchAll(WORD)) {
    if (stems.has(processTerm(m[0]) ?? "")) words.add(m[0].toLowerCase());
  }
  return [...words];
}

/** Splits a snippet into plain and matched parts, so the page renders <mark> without raw HTML. */
export function highlight(snippet: string, terms: readonly string[]): Array<{ text: string; match: boolean }> {
  const exact = new Set(terms.map((t) => t.toLowerCase()));
  const stems = new Set(terms.map((t) => processTerm(t)).filter((s): s is string => Boolean(s)));
  const parts: Array<{ text: string; match: boolean }> = [];
  const push = (text: string, match: boolean) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.match === match && !match) last.text += text;
    else parts.push({ text, match });
  };
  let pos = 0;
  for (const m of snippet.matchAll(WORD)) {
    const word = m[0];
    const match = exact.has(word.toLowerCase()) || stems.has(processTerm(word) ?? "");
    push(snippet.slice(pos, m.index), false);
    push(word, match);
    pos = m.index + word.length;
  }
  push(snippet.slice(pos), false);
  return parts;
}
