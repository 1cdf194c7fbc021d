import type { Request } from "autocannon";
import type { Plan } from "../harness/config";
import { load } from "../harness/load";
import { fmt, type Metric } from "../harness/metric";
import type { Server } from "../harness/servers";
import { ratio } from "../harness/stats";

// Fixed, so runs compare: plain questions, single words, typos, synonyms, and words the help never uses.
export const SEARCH_QUERIES = [
  "passcode",
  "password",
  "pmi",
  "personal meeting id",
  "waiting room",
  "join before host",
  "change my passcode",
  "how do I change my passcode",
  "customize my pmi",
  "personal link",
  "change my personal link",
  "pascode",
  "waitng room",
  "meeting id",
  "regular meeting",
  "pmi vs regular meeting",
  "class sessions",
  "should I use my pmi",
  "someone intruded",
  "zoombomb",
  "intruder in my meeting",
  "secure my room",
  "lock my room",
  "reserved prefix",
  "10 digits",
  "phone number as pmi",
  "why was my pmi refused",
  "link already taken",
  "30 days hold",
  "old pmi stops working",
  "invitation",
  "copy invitation",
  "do I need a passcode",
  "no passcode",
  "lobby",
  "admit guests",
  "host not here",
  "start meeting early",
  "recurring meeting",
  "schedule a meeting",
  "best practices",
  "what is a pmi",
  "url",
  "crash",
  "case sensitive passcode",
  "generate a passcode",
  "sign in",
  "support",
  "xylophone",
  "a",
] as const;

/** 3. /help/search over the fixed queries, one at a time, against a prerendered help page at the same pace. */
export async function measureSearch(plan: Plan, app: Server): Promise<Metric[]> {
  const amount = SEARCH_QUERIES.length * plan.searchPasses;
  let n = 0;
  const next = (req: Request): Request => ({
    ...req,
    path: `/help/search?q=${encodeURIComponent(SEARCH_QUERIES[n++ % SEARCH_QUERIES.length]!)}`,
  });
  const results = (body: string) => body.includes("results-heading");
  await load({
    url: `${app.origin}/help/search`,
    connections: 1,
    amount: SEARCH_QUERIES.length,
    next,
    verify: results,
  });
  n = 0;
  const search = await load({ url: `${app.origin}/help/search`, connections: 1, amount, next, verify: results });
  const page = await load({ url: `${app.origin}/help`, connections: 1, amount });
  return [
    {
      id: "search.latency",
      metric: `3. /help/search, ${SEARCH_QUERIES.length} queries × ${plan.searchPasses}, c=1`,
      value: search.p95,
      unit: "ms (p95)",
      shown: `p50 ${fmt.ms(search.p50)} · p95 ${fmt.ms(search.p95)}; ${fmt.n(search.errors)} errors`,
      comparison: `prerendered /help: p50 ${fmt.ms(page.p50)} · p95 ${fmt.ms(page.p95)}`,
      ratio: ratio(search.p95, page.p95),
      target: "p95 ≤ 30 ms",
      met: search.p95 <= 30 && search.errors === 0,
      detail: {
        search: { p50: search.p50, p95: search.p95, p99: search.p99, count: search.count },
        page: { p50: page.p50, p95: page.p95 },
      },
    },
  ];
}
