import http from "node:http";
import { E2E_MAIL_API, E2E_SMTP_PORT, type Mail } from "./e2e-mail";
import { startTestSmtp, type Received, type TestSmtp } from "./smtp";

/**
 * Playwright's global setup: one real SMTP server for the whole run, on the port the suite server's SMTP_URL
 * names, and an HTTP API on 127.0.0.1 for the tests (tests/support/e2e-mail.ts). What it received survives a
 * stop and start; refusals per recipient too. Returns the teardown.
 */
export default async function startE2eMail(): Promise<() => Promise<void>> {
  const received: Received[] = [];
  const refused = new Map<string, number>();
  let smtp: TestSmtp | null = null;
  const start = async () => {
    if (smtp) return;
    smtp = await startTestSmtp(E2E_SMTP_PORT, received);
    for (const [address, code] of refused) smtp.refuseRecipients.set(address, code);
  };
  const stop = async () => {
    const running = smtp;
    smtp = null;
    await running?.stop();
  };
  await start();

  const asMail = ({ from, to, mail, raw }: Received): Mail => ({
    from,
    to,
    subject: mail.subject ?? "",
    text: mail.text ?? "",
    html: typeof mail.html === "string" ? mail.html : "",
    messageId: mail.messageId ?? "",
    headers: Object.fromEntries([...mail.headers].map(([name, value]) => [name, String(value)])),
    raw,
  });

  const api = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", E2E_MAIL_API);
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const act = async () => {
      if (req.method === "GET" && url.pathname === "/messages") {
        const to = (url.searchParams.get("to") ?? "").toLowerCase();
        return answer(200, received.filter((r) => r.to.some((a) => a.toLowerCase() === to)).map(asMail));
      }
      if (req.method === "POST" && url.pathname === "/stop") return answer(200, await stop());
      if (req.method === "POST" && url.pathname === "/start") return answer(200, await start());
      if (req.method === "POST" && url.pathname === "/refuse") {
        const to = (url.searchParams.get("to") ?? "").toLowerCase();
        const code = Number(url.searchParams.get("code"));
        if (code) refused.set(to, code);
        else refused.delete(to);
        if (code) smtp?.refuseRecipients.set(to, code);
        else smtp?.refuseRecipients.delete(to);
        return answer(200, {});
      }
      answer(404, { error: "not found" });
    };
    act().catch((error: Error) => answer(500, { error: error.message }));
  });
  await new Promise<void>((resolve, reject) => {
    api.once("error", reject);
    api.listen(Number(new URL(E2E_MAIL_API).port), "127.0.0.1", () => resolve());
  });
  return async () => {
    await new Promise<void>((resolve) => api.close(() => resolve()));
    await stop();
  };
}
