import fs from "node:fs";
import path from "node:path";
import { ARTICLE_PATH, SEED_PASSWORD, type Plan } from "../harness/config";
import { alternate } from "../harness/load";
import { skipped, throughputText, type Metric } from "../harness/metric";
import { nginxBinary, startNginx } from "../harness/nginx";
import { stop } from "../harness/processes";
import type { Seeded } from "../harness/seed";
import type { Server } from "../harness/servers";
import { signIn } from "../harness/session";
import { ratio } from "../harness/stats";
import { formatPmi } from "@/lib/validation/pmi";

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers, redirect: "manual" });
  return {
    status: res.status,
    cache: res.headers.get("x-cache-status") ?? "",
    body: await res.text(),
    headers: res.headers,
  };
}

/**
 * What the shipped config must never do, checked through it: serve one visitor's page to another, cache a
 * response that sets a cookie, or cache a dynamic page. And what it must do: hit the cache for the article.
 */
async function cacheChecks(proxy: string, seeded: Seeded): Promise<Array<[string, boolean]>> {
  const article = [await get(proxy + ARTICLE_PATH), await get(proxy + ARTICLE_PATH)];
  const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(article[1]!.body)?.[1] ?? "/_next/static/missing.js";
  await get(proxy + chunk);
  const search = [await get(`${proxy}/help/search?q=pmi`), await get(`${proxy}/help/search?q=pmi`)];
  const csrf = [await get(`${proxy}/api/auth/csrf`), await get(`${proxy}/api/auth/csrf`)];
  const [a, b] = seeded.rooms;
  const cookieA = await signIn(proxy, a!.email, SEED_PASSWORD, "ignored-by-the-proxy");
  const cookieB = await signIn(proxy, b!.email, SEED_PASSWORD, "ignored-by-the-proxy");
  const roomA = await get(`${proxy}/room`, { cookie: cookieA });
  const roomB = await get(`${proxy}/room`, { cookie: cookieB });
  return [
    ["article served from the cache", article[1]!.cache === "HIT"],
    ["article tells browsers to revalidate", /max-age=0/.test(article[1]!.headers.get("cache-control") ?? "")],
    ["static chunk cached", (await get(proxy + chunk)).cache === "HIT"],
    ["search results never cached", search.every((r) => r.cache !== "HIT") && search[1]!.status === 200],
    ["Set-Cookie responses never cached", csrf.every((r) => r.cache !== "HIT") && csrf[0]!.body !== csrf[1]!.body],
    [
      "/room shows each owner their own room",
      roomA.body.includes(formatPmi(a!.pmi)) &&
        roomB.body.includes(formatPmi(b!.pmi)) &&
        !roomB.body.includes(formatPmi(a!.pmi)),
    ],
    ["/room never cached", roomA.cache === "" && roomB.cache === ""],
  ];
}

/** 7. The article through deploy/nginx.conf as a share of nginx sending the same bytes from disk. */
export async function measureNginx(plan: Plan, app: Server, tmp: string, seeded: Seeded): Promise<Metric[]> {
  const binary = nginxBinary();
  if (!binary) {
    return [
      skipped(
        "nginx.share",
        "7. Article through deploy/nginx.conf",
        "nginx is not installed: apt-get install -y nginx, then run the bench again",
      ),
      skipped("nginx.safety", "7. Proxy cache safety checks", "nginx is not installed"),
    ];
  }
  const dir = path.join(tmp, "nginx");
  fs.mkdirSync(dir, { recursive: true });
  const bytes = Buffer.from(await (await fetch(app.origin + ARTICLE_PATH)).arrayBuffer());
  const nginx = await startNginx(binary, dir, app.port, { urlPath: ARTICLE_PATH, bytes });
  try {
    const checks = await cacheChecks(nginx.proxy, seeded);
    const runs = await alternate(
      [
        { name: "proxy", url: nginx.proxy + ARTICLE_PATH },
        { name: "files", url: nginx.files + ARTICLE_PATH },
      ],
      { rounds: plan.rounds, seconds: plan.seconds, warmupSeconds: plan.warmupSeconds, connections: plan.connections },
    );
    const proxy = runs.get("proxy")!;
    const files = runs.get("files")!;
    const share = ratio(proxy.reqPerSec, files.reqPerSec);
    const failed = checks.filter(([, ok]) => !ok).map(([name]) => name);
    return [
      {
        id: "nginx.share",
        metric: "7. Article through deploy/nginx.conf",
        value: proxy.reqPerSec,
        unit: "req/s",
        shown: throughputText(proxy),
        comparison: `nginx, same bytes from disk: ${throughputText(files)}`,
        ratio: share,
        target: "≥ 50% of nginx from disk",
        met: share >= 0.5 && proxy.errors === 0,
        detail: { proxy, files },
      },
      {
        id: "nginx.safety",
        metric: "7. Proxy cache safety checks",
        value: checks.length - failed.length,
        unit: "checks passed",
        shown: `${checks.length - failed.length} of ${checks.length}`,
        comparison: failed.length ? `failed: ${failed.join("; ")}` : "no private page cached; article HIT",
        target: "all pass",
        met: failed.length === 0,
        detail: Object.fromEntries(checks),
      },
    ];
  } finally {
    await stop(nginx.child);
  }
}
