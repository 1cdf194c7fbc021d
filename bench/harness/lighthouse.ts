import * as chromeLauncher from "chrome-launcher";
import lighthouse, { type Result } from "lighthouse";

// Headless Chromium as root in a container, with nothing running in the background that could skew a trace.
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

export type Category = (typeof CATEGORIES)[number];

/** One Lighthouse run's figures: scores 0-100, times in ms, and the weighted audits that did not pass. */
export type Audit = {
  scores: Record<Category, number>;
  tbt: number;
  bootup: number;
  fcp: number;
  lcp: number;
  /** Lighthouse's measure of this machine's speed during the run (higher is faster): it explains a noisy round. */
  benchmarkIndex: number;
  failing: Partial<Record<Category, string[]>>;
};

/** An audit that costs points, with what Lighthouse says about it (its value, or the first item it lists). */
function describe(lhr: Result, id: string): string {
  const audit = lhr.audits[id]!;
  const details = audit.details as { items?: Record<string, unknown>[] } | undefined;
  const first = details?.items?.[0];
  const item = first ? JSON.stringify(first).slice(0, 200) : "";
  return [`${id} (${audit.title})`, audit.displayValue, item].filter(Boolean).join(": ");
}

function failingAudits(lhr: Result, category: Category): string[] {
  return lhr.categories[category]!.auditRefs.filter((ref) => ref.weight > 0)
    .filter((ref) => {
      const score = lhr.audits[ref.id]?.score;
      return score !== null && score !== undefined && score < 1;
    })
    .map((ref) => describe(lhr, ref.id));
}

const numeric = (lhr: Result, id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;

/**
 * Lighthouse's default (mobile, simulated throttling) run of one URL in a Chrome of its own: a new profile
 * each time, so no cache, cookie or compiled script carries over from the previous run.
 */
export async function runLighthouse(url: string): Promise<Audit> {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    chromeFlags: CHROME_FLAGS,
    logLevel: "silent",
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: [...CATEGORIES],
    });
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
    if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const scores = {} as Record<Category, number>;
    const failing: Audit["failing"] = {};
    for (const category of CATEGORIES) {
      const score = lhr.categories[category]?.score;
      if (score === null || score === undefined) throw new Error(`Lighthouse gave ${url} no ${category} score`);
      scores[category] = Math.round(score * 100);
      if (category !== "performance" && score < 1) failing[category] = failingAudits(lhr, category);
    }
    return {
      scores,
      tbt: numeric(lhr, "total-blocking-time"),
      bootup: numeric(lhr, "bootup-time"),
      fcp: numeric(lhr, "first-contentful-paint"),
      lcp: numeric(lhr, "largest-contentful-paint"),
      benchmarkIndex: lhr.environment.benchmarkIndex,
      failing,
    };
  } finally {
    await chrome.kill();
  }
}
