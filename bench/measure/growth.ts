import fs from "node:fs";
import path from "node:path";
import type { Request } from "autocannon";
import { helpDocuments, searchIn, searchIndex, type HelpDoc } from "@/lib/help/search";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/scripts/seed";
import { SEED_PASSWORD, type Plan } from "../harness/config";
import { load, type LoadResult } from "../harness/load";
import { fmt, type Metric } from "../harness/metric";
import { stop } from "../harness/processes";
import { seedDatabase, type SeededRoom } from "../harness/seed";
import { startApp } from "../harness/servers";
import { clientAddress, signIn, signInMany } from "../harness/session";
import { ratio, summarize } from "../harness/stats";
import { SETTINGS_LABELS, roomForm } from "../harness/room-form";
import { renderSpec, updateSpec } from "./scale";
import { SEARCH_QUERIES } from "./search";

const FIGURES = [
  ["update", "Room update action"],
  ["render", "/room render"],
  ["lookup", "Support look-up"],
  ["search", "/help/search"],
] as const;
type Figure = (typeof FIGURES)[number][0];
type AtSize = { rooms: number; seeded: number; figures: Record<Figure, LoadResult> };

/** Owners spread over the whole table (first, last and between), so no figure only ever reads the newest rows. */
function spread<T>(items: readonly T[], count: number): T[] {
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * (items.length - 1)) / Math.max(1, count - 1))]!);
}

async function measureSize(plan: Plan, file: string, rooms: number): Promise<AtSize> {
  const seeded = await seedDatabase(file, rooms);
  const app = await startApp(`next start (${fmt.n(rooms)} rooms)`, file);
  try {
    const owners = spread(seeded.rooms, 8);
    const cookies = await signInMany(
      app.origin,
      owners.map((r) => r.email),
      SEED_PASSWORD,
    );
    const staff = DEMO_ACCOUNTS.find((a) => a.role === "support")!;
    const support = await signIn(app.origin, staff.email, DEMO_PASSWORD, clientAddress(200));
    const form = await roomForm(app.origin, cookies[0]!, SETTINGS_LABELS);
    const finds = spread(seeded.rooms, 64).flatMap((r: SeededRoom) => [r.email, r.pmi]);
    let f = 0;
    let q = 0;
    const seconds = plan.growthSeconds;
    const lookupSpec = {
      url: `${app.origin}/support`,
      connections: 1,
      seconds,
      headers: { cookie: support },
      next: (req: Request) => ({ ...req, path: `/support?find=${encodeURIComponent(finds[f++ % finds.length]!)}` }),
      verify: (body: string) => body.includes('data-testid="found-pmi"'),
    };
    const searchSpec = {
      url: `${app.origin}/help/search`,
      connections: 1,
      seconds,
      next: (req: Request) => ({
        ...req,
        path: `/help/search?q=${encodeURIComponent(SEARCH_QUERIES[q++ % SEARCH_QUERIES.length]!)}`,
      }),
      verify: (body: string) => body.includes("results-heading"),
    };
    // One warm-up pass each, so the first figure does not pay for compiling and filling caches.
    const warm = plan.warmupSeconds;
    await load({ ...renderSpec(app, cookies, 1, warm) });
    await load(updateSpec(app, cookies, form, 1, warm));
    await load({ ...lookupSpec, seconds: warm });
    await load({ ...searchSpec, seconds: warm });
    return {
      rooms,
      seeded: seeded.seconds,
      figures: {
        update: await load(updateSpec(app, cookies, form, 1, seconds)),
        render: await load(renderSpec(app, cookies, 1, seconds)),
        lookup: await load(lookupSpec),
        search: await load(searchSpec),
      },
    };
  } finally {
    await stop(app.child);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/** A small seeded generator, so every run indexes the same generated articles. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Articles written from the help centre's own words (so they compete with the real answers for every query),
 * six sections each, in the shape the index gives a real article.
 */
function generatedArticles(count: number, real: HelpDoc[]): HelpDoc[] {
  const words = [...new Set(real.flatMap((d) => d.text.toLowerCase().match(/[a-z]{3,}/g) ?? []))];
  const random = mulberry32(13);
  const pick = (n: number) => Array.from({ length: n }, () => words[Math.floor(random() * words.length)]!).join(" ");
  return Array.from({ length: count }, (_, i) => {
    const title = `Generated ${pick(4)}`;
    return Array.from({ length: 6 }, (_, s) => ({
      id: `article:generated-${i}#s-${s}`,
      kind: "article" as const,
      title: `${title}: ${pick(3)}`,
      heading: pick(3),
      article: title,
      text: pick(80 + Math.floor(random() * 80)),
      href: `/help/generated-${i}#s-${s}`,
    }));
  }).flat();
}

/** The 50 queries against one index, in process: the time of the search itself, without HTTP or rendering. */
function timeSearch(docs: HelpDoc[], passes: number): { p50: number; p95: number; docs: number } {
  const index = searchIndex(docs);
  for (const query of SEARCH_QUERIES) searchIn(index, query);
  const times: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    for (const query of SEARCH_QUERIES) {
      const started = performance.now();
      searchIn(index, query);
      times.push(performance.now() - started);
    }
  }
  const s = summarize(times);
  return { p50: s.p50, p95: s.p95, docs: docs.length };
}

/**
 * 10. How cost grows: the room update, /room, the support look-up and /help/search at each room count (a fresh
 * database seeded in bulk and a fresh server each, one request at a time), and search over the real help
 * centre against the same plus generated articles.
 */
export async function measureGrowth(plan: Plan, tmp: string): Promise<Metric[]> {
  const sizes: AtSize[] = [];
  for (const rooms of plan.growthSizes) {
    sizes.push(await measureSize(plan, path.join(tmp, `growth-${rooms}`, "growth.db"), rooms));
  }
  const first = sizes[0]!;
  const last = sizes.at(-1)!;
  const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1_000 ? `${n / 1_000}k` : String(n));
  const span = `${label(first.rooms)} → ${label(last.rooms)} rooms`;
  const rows: Metric[] = FIGURES.map(([key, name]) => {
    const growth = ratio(last.figures[key].p95, first.figures[key].p95);
    const errors = sizes.reduce((n, s) => n + s.figures[key].errors, 0);
    return {
      id: `growth.${key}`,
      metric: `10. ${name} p95, c=1, ${span}`,
      value: last.figures[key].p95,
      unit: "ms (p95)",
      shown: sizes.map((s) => `${label(s.rooms)}: ${fmt.ms(s.figures[key].p95)}`).join(" · ") + `; ${errors} errors`,
      comparison: `p50 ${sizes.map((s) => fmt.ms(s.figures[key].p50)).join(" / ")}`,
      ratio: growth,
      target: "< 2× from the smallest to the largest",
      met: growth < 2 && errors === 0,
      detail: Object.fromEntries(
        sizes.map((s) => [
          s.rooms,
          {
            p50: s.figures[key].p50,
            p95: s.figures[key].p95,
            count: s.figures[key].count,
            errors: s.figures[key].errors,
          },
        ]),
      ),
    };
  });
  const real = helpDocuments();
  const passes = plan.quick ? 2 : 20;
  const alone = timeSearch(real, passes);
  const grown = timeSearch([...real, ...generatedArticles(plan.extraArticles, real)], passes);
  rows.push({
    id: "growth.search.articles",
    metric: `10. Search itself, p95 over ${SEARCH_QUERIES.length} queries: help centre + ${plan.extraArticles} generated articles`,
    value: grown.p95,
    unit: "ms (p95)",
    shown: `p50 ${fmt.ms(grown.p50)} · p95 ${fmt.ms(grown.p95)} over ${fmt.n(grown.docs)} sections`,
    comparison: `the help centre alone (${fmt.n(alone.docs)} sections): p50 ${fmt.ms(alone.p50)} · p95 ${fmt.ms(alone.p95)}`,
    ratio: ratio(grown.p95, alone.p95),
    detail: { alone, grown, seedSeconds: Object.fromEntries(sizes.map((s) => [s.rooms, s.seeded])) },
  });
  return rows;
}
