import { parse } from "node-html-parser";

export type Page = { path: string; html: string };
type Problem = { page: string; href: string; reason: string };
type LinkCheckOptions = {
  /** Routes that exist but have no prerendered HTML (dynamic pages, route handlers). */
  knownRoutes: (string | RegExp)[];
  /** Which pages' links to check; every page is still a valid target. Defaults to all. */
  isSource?: (path: string) => boolean;
  /** The site's own origin: absolute links to it (canonical links) are internal links too. */
  siteOrigin?: string;
};
type LinkReport = { problems: Problem[]; pages: number; links: number };

// Any origin works: it only lets the URL parser resolve relative hrefs; it never leaves this module.
const BASE = "http://link-check.invalid";
const SCHEME = /^[a-z][a-z\d+.-]*:/i;

type Parsed = { ids: Set<string>; hrefs: string[] };

/** "/help/" and "/help" are one page; the query never selects a different prerendered page. */
function normalizePath(pathname: string): string {
  let decoded = pathname;
  try {
    decoded = decodeURI(pathname);
  } catch {
    // A malformed escape cannot match a page file name; compare it as written.
  }
  const trimmed = decoded.replace(/\/+$/, "");
  return trimmed === "" ? "/" : trimmed;
}

function parsePage(html: string): Parsed {
  const root = parse(html);
  const ids = new Set<string>();
  for (const el of root.querySelectorAll("[id]")) ids.add(el.getAttribute("id") ?? "");
  // <a name> is the legacy anchor browsers still scroll to (HTML "indicated part of the document").
  for (const el of root.querySelectorAll("a[name]")) ids.add(el.getAttribute("name") ?? "");
  const hrefs: string[] = [];
  for (const el of root.querySelectorAll("a[href], link[href]")) {
    const rel = (el.getAttribute("rel") ?? "").toLowerCase().split(/\s+/);
    if (el.tagName === "A" || rel.includes("canonical")) hrefs.push(el.getAttribute("href") ?? "");
  }
  return { ids, hrefs };
}

/** Resolves an href against its page; null when it leaves the site (any scheme, or "//host"). */
function resolveInternal(href: string, pagePath: string, siteOrigin?: string): URL | null {
  let trimmed = href.trim();
  if (siteOrigin && (trimmed === siteOrigin || trimmed.startsWith(`${siteOrigin}/`)))
    trimmed = trimmed.slice(siteOrigin.length) || "/";
  if (SCHEME.test(trimmed) || trimmed.startsWith("//") || trimmed.startsWith("\\\\")) return null;
  return new URL(trimmed, BASE + pagePath);
}

/** Browsers try the fragment as written, then percent-decoded (HTML "find a potential indicated element"). */
function fragmentCandidates(hash: string): string[] {
  const raw = hash.slice(1);
  try {
    return [raw, decodeURIComponent(raw)];
  } catch {
    return [raw];
  }
}

function matchesKnown(path: string, knownRoutes: (string | RegExp)[]): boolean {
  return knownRoutes.some((route) => (typeof route === "string" ? normalizePath(route) === path : route.test(path)));
}

/** Checks every internal link and anchor of the source pages against the final HTML of all pages. */
export function linkReport(pages: Page[], options: LinkCheckOptions): LinkReport {
  const isSource = options.isSource ?? (() => true);
  const byPath = new Map<string, string>();
  for (const page of pages) byPath.set(normalizePath(page.path), page.html);
  const parsed = new Map<string, Parsed>();
  const parsedAt = (path: string, html: string): Parsed => {
    let entry = parsed.get(path);
    if (!entry) parsed.set(path, (entry = parsePage(html)));
    return entry;
  };

  const problems: Problem[] = [];
  let sources = 0;
  let links = 0;
  for (const page of pages) {
    const from = normalizePath(page.path);
    if (!isSource(from)) continue;
    sources += 1;
    // The same broken nav link repeated on a page is one problem to fix, not several.
    const reported = new Set<string>();
    const report = (href: string, reason: string) => {
      if (reported.has(href)) return;
      reported.add(href);
      problems.push({ page: from, href, reason });
    };
    for (const href of parsedAt(from, page.html).hrefs) {
      let url: URL | null;
      try {
        url = resolveInternal(href, from, options.siteOrigin);
      } catch {
        report(href, "malformed URL");
        continue;
      }
      if (!url) continue;
      links += 1;
      const to = normalizePath(url.pathname);
      const html = byPath.get(to);
      if (html === undefined) {
        if (!matchesKnown(to, options.knownRoutes)) report(href, "no such page");
        else if (url.hash) report(href, "cannot verify anchor on a dynamic page");
        continue;
      }
      // url.hash is "" for a bare "#", which means the top of the page and is always valid.
      if (!url.hash) continue;
      const { ids } = parsedAt(to, html);
      const candidates = fragmentCandidates(url.hash);
      if (!candidates.some((id) => ids.has(id))) report(href, `no element with id "${candidates.at(-1)}" on ${to}`);
    }
  }
  return { problems, pages: sources, links };
}

/** The problems only; see linkReport for the counts. */
export function checkLinks(pages: Page[], options: LinkCheckOptions): Problem[] {
  return linkReport(pages, options).problems;
}

export function formatProblem(problem: Problem): string {
  return `${problem.page}: ${problem.href} — ${problem.reason}`;
}
