import { gzipSync } from "node:zlib";
import { parse } from "node-html-parser";
import { ARTICLE_PATH } from "../harness/config";
import { fmt, type Metric } from "../harness/metric";
import type { Server } from "../harness/servers";
import { ratio } from "../harness/stats";

// Candidates for "the smallest page of the same build": every page kind that needs no session.
const CANDIDATES = ["/", "/help", "/help/faq", "/signin", "/help/search", "/no-such-page-bench"];

type Weight = { path: string; html: number; scripts: string[]; styles: string[] };
type Sizes = { raw: number; gzip: number };

const gz = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

async function fetchBytes(url: string): Promise<Buffer> {
  const res = await fetch(url);
  return Buffer.from(await res.arrayBuffer());
}

/** The scripts and stylesheets a page asks the browser for as it loads (not chunks fetched later on demand). */
async function weigh(origin: string, path: string): Promise<Weight & { htmlBytes: Buffer }> {
  const htmlBytes = await fetchBytes(origin + path);
  const doc = parse(htmlBytes.toString("utf8"));
  const scripts = new Set<string>();
  for (const s of doc.querySelectorAll("script[src]")) scripts.add(s.getAttribute("src")!);
  for (const l of doc.querySelectorAll('link[rel="preload"][as="script"], link[rel="modulepreload"]'))
    scripts.add(l.getAttribute("href")!);
  const styles = new Set(doc.querySelectorAll('link[rel="stylesheet"]').map((l) => l.getAttribute("href")!));
  return { path, html: htmlBytes.length, scripts: [...scripts], styles: [...styles], htmlBytes };
}

/** 5. Gzipped bytes of the article's scripts against the page of this build that loads the fewest. */
export async function measureWeight(app: Server): Promise<Metric[]> {
  const cache = new Map<string, Sizes>();
  const size = async (urlPath: string): Promise<Sizes> => {
    let s = cache.get(urlPath);
    if (!s) {
      const bytes = await fetchBytes(app.origin + urlPath);
      s = { raw: bytes.length, gzip: gz(bytes) };
      cache.set(urlPath, s);
    }
    return s;
  };
  const total = async (paths: string[]) => {
    const all = await Promise.all(paths.map(size));
    return { raw: all.reduce((n, s) => n + s.raw, 0), gzip: all.reduce((n, s) => n + s.gzip, 0) };
  };

  const article = await weigh(app.origin, ARTICLE_PATH);
  const articleScripts = await total(article.scripts);
  const articleStyles = await total(article.styles);
  let smallest = { path: "", scripts: { raw: Infinity, gzip: Infinity }, count: 0 };
  for (const path of CANDIDATES) {
    const page = await weigh(app.origin, path);
    const scripts = await total(page.scripts);
    if (scripts.gzip < smallest.scripts.gzip) smallest = { path, scripts, count: page.scripts.length };
  }
  const scriptRatio = ratio(articleScripts.gzip, smallest.scripts.gzip);
  const htmlGzip = gz(article.htmlBytes);
  const everything = htmlGzip + articleScripts.gzip + articleStyles.gzip;
  return [
    {
      id: "weight.scripts",
      metric: "5. Article scripts, gzipped",
      value: articleScripts.gzip,
      unit: "bytes",
      shown: `${fmt.bytes(articleScripts.gzip)} in ${article.scripts.length} files`,
      comparison: `smallest page (${smallest.path}): ${fmt.bytes(smallest.scripts.gzip)} in ${smallest.count} files`,
      ratio: scriptRatio,
      target: "≤ 1.15× the smallest page",
      met: scriptRatio <= 1.15,
      detail: { article: article.scripts, smallest },
    },
    {
      id: "weight.total",
      metric: "5. Article HTML + CSS + JS, gzipped",
      value: everything,
      unit: "bytes",
      shown: fmt.bytes(everything),
      comparison: `raw ${fmt.bytes(article.html + articleStyles.raw + articleScripts.raw)}: HTML ${fmt.bytes(article.html)}, CSS ${fmt.bytes(articleStyles.raw)}, JS ${fmt.bytes(articleScripts.raw)}`,
      ratio: ratio(everything, article.html + articleStyles.raw + articleScripts.raw),
      detail: { htmlGzip, cssGzip: articleStyles.gzip, jsGzip: articleScripts.gzip },
    },
  ];
}
