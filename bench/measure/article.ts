import fs from "node:fs";
import path from "node:path";
import { ARTICLE_PATH, type Plan } from "../harness/config";
import { alternate } from "../harness/load";
import { fmt, throughputText, type Metric } from "../harness/metric";
import { stop } from "../harness/processes";
import { startBareNext, startPlain, type Server } from "../harness/servers";
import { ratio } from "../harness/stats";

/** Saves what a URL answers, byte for byte, for a plain server to send. */
export async function saveBody(url: string, file: string): Promise<Buffer> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  fs.writeFileSync(file, bytes);
  return bytes;
}

/**
 * 1. The article from next start against node:http sending the same bytes, and a bare Next page against
 * node:http sending its bytes, all four alternated in one run: the target compares the two normalized ratios.
 */
export async function measureArticle(plan: Plan, app: Server, tmp: string): Promise<Metric[]> {
  const articleFile = path.join(tmp, "article.html");
  const bareFile = path.join(tmp, "bare.html");
  const bytes = await saveBody(app.origin + ARTICLE_PATH, articleFile);
  const started: Server[] = [];
  try {
    const bare = await startBareNext();
    started.push(bare);
    const bareBytes = await saveBody(`${bare.origin}/`, bareFile);
    const plainArticle = await startPlain("plain article", articleFile);
    started.push(plainArticle);
    const plainBare = await startPlain("plain bare", bareFile);
    started.push(plainBare);

    const runs = await alternate(
      [
        { name: "article", url: app.origin + ARTICLE_PATH, pid: app.child.proc.pid },
        { name: "plainArticle", url: plainArticle.origin + ARTICLE_PATH, pid: plainArticle.child.proc.pid },
        { name: "bare", url: `${bare.origin}/`, pid: bare.child.proc.pid },
        { name: "plainBare", url: `${plainBare.origin}/`, pid: plainBare.child.proc.pid },
      ],
      { rounds: plan.rounds, seconds: plan.seconds, warmupSeconds: plan.warmupSeconds, connections: plan.connections },
    );
    const article = runs.get("article")!;
    const plain = runs.get("plainArticle")!;
    const bareRun = runs.get("bare")!;
    const plainBareRun = runs.get("plainBare")!;
    const articleShare = ratio(article.reqPerSec, plain.reqPerSec);
    const bareShare = ratio(bareRun.reqPerSec, plainBareRun.reqPerSec);
    const relative = ratio(articleShare, bareShare);
    return [
      {
        id: "article.throughput",
        metric: `1. Help article (${fmt.bytes(bytes.length)}), next start`,
        value: article.reqPerSec,
        unit: "req/s",
        shown: throughputText(article),
        comparison: `node:http, same bytes: ${throughputText(plain)}`,
        ratio: articleShare,
        detail: { article, plain, bytes: bytes.length },
      },
      {
        id: "article.bare",
        metric: `1. Bare Next page (${fmt.bytes(bareBytes.length)}), next start`,
        value: bareRun.reqPerSec,
        unit: "req/s",
        shown: throughputText(bareRun),
        comparison: `node:http, same bytes: ${throughputText(plainBareRun)}`,
        ratio: bareShare,
        detail: { bare: bareRun, plain: plainBareRun, bytes: bareBytes.length },
      },
      {
        id: "article.vs-bare",
        metric: "1. Article share of node:http vs bare page share",
        value: relative,
        unit: "ratio",
        shown: `${fmt.pct(articleShare)} vs ${fmt.pct(bareShare)} of node:http`,
        // The share is the target's measure; the absolute figures say how much of the rest is page size.
        comparison: `absolute: ${fmt.x(ratio(article.reqPerSec, bareRun.reqPerSec))} the bare page's req/s; CPU ${article.cpuMs.toFixed(2)} vs ${bareRun.cpuMs.toFixed(2)} ms/req`,
        ratio: relative,
        target: "≥ 1.00× (no slower than a bare page)",
        met: relative >= 1,
      },
    ];
  } finally {
    for (const server of started) await stop(server.child);
  }
}
