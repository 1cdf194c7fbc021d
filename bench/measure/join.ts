import type { Plan } from "../harness/config";
import { readForm } from "../harness/forms";
import { fmt, skipped, type Metric } from "../harness/metric";
import type { Seeded } from "../harness/seed";
import type { Server } from "../harness/servers";
import { clientAddress } from "../harness/session";
import { median, ratio } from "../harness/stats";
import { generatePmi } from "@/lib/validation/generate";

const readJoinForm = (html: string, pageUrl: string) => readForm(html, pageUrl, ["Your name", "Passcode"]);

async function attempt(
  origin: string,
  id: string,
  passcode: string,
  client: string,
): Promise<{ ms: number; status: number } | undefined> {
  const pageUrl = `${origin}/j/${id}`;
  const page = await fetch(pageUrl, { headers: { "x-forwarded-for": client } });
  const form = readJoinForm(await page.text(), pageUrl);
  if (!form) return undefined;
  const data: Array<[string, string]> = [
    ...form.hidden,
    [form.fields["Your name"]!, "Bench Guest"],
    [form.fields["Passcode"]!, passcode],
  ];
  const body = form.multipart ? new FormData() : new URLSearchParams();
  for (const [k, v] of data) body.append(k, v);
  const started = performance.now();
  const res = await fetch(form.action, {
    method: "POST",
    body,
    headers: { origin, "x-forwarded-for": client },
    redirect: "manual",
  });
  await res.arrayBuffer();
  return { ms: performance.now() - started, status: res.status };
}

/**
 * 6. Median time of a join attempt on an unknown ID against a wrong passcode on a real room, alternated.
 * Written against the Join pages issue (a form with "Your name" and "Passcode" on /j/<id>); until that
 * lands, the row says so instead of a figure.
 */
export async function measureJoin(plan: Plan, app: Server, seeded: Seeded): Promise<Metric[]> {
  const known = seeded.rooms[0]!;
  const probe = await fetch(`${app.origin}/j/${known.pmi}`);
  const html = await probe.text();
  if (probe.status === 404 || !readJoinForm(html, probe.url)) {
    const why =
      probe.status === 404 ? "GET /j/<id> answers 404" : "GET /j/<id> has no form with “Your name” and “Passcode”";
    return [
      skipped("join.timing", "6. Join: unknown ID vs wrong passcode", `not available yet: ${why} (Join pages issue)`),
    ];
  }
  const taken = new Set(seeded.rooms.map((r) => r.pmi));
  const unknown: number[] = [];
  const wrong: number[] = [];
  const statuses = { unknown: new Set<number>(), wrong: new Set<number>() };
  // Each attempt on another ID from another address, so no per-ID or per-client limit is reached.
  for (let i = 0; i < plan.joinAttempts; i++) {
    let pmi = generatePmi();
    while (taken.has(pmi)) pmi = generatePmi();
    const room = seeded.rooms[(i + 1) % seeded.rooms.length]!;
    const a = await attempt(app.origin, pmi, "Wrong1x", clientAddress(10_000 + 2 * i));
    const b = await attempt(
      app.origin,
      room.pmi,
      room.passcode === "Wrong1x" ? "Wrong2x" : "Wrong1x",
      clientAddress(10_001 + 2 * i),
    );
    if (!a || !b) throw new Error("the join form disappeared between attempts");
    unknown.push(a.ms);
    wrong.push(b.ms);
    statuses.unknown.add(a.status);
    statuses.wrong.add(b.status);
  }
  const mUnknown = median(unknown);
  const mWrong = median(wrong);
  const same = [...statuses.unknown].join() === [...statuses.wrong].join();
  return [
    {
      id: "join.timing",
      metric: `6. Join: unknown ID, median of ${unknown.length}`,
      value: mUnknown,
      unit: "ms (median)",
      shown: `${fmt.ms(mUnknown)} (status ${[...statuses.unknown].join("/")})`,
      comparison: `wrong passcode: ${fmt.ms(mWrong)} (status ${[...statuses.wrong].join("/")})`,
      ratio: ratio(mUnknown, mWrong),
      target: "same status, medians within 5 ms",
      met: same && Math.abs(mUnknown - mWrong) <= 5,
      detail: { unknown, wrong },
    },
  ];
}
