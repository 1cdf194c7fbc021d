import type { APIRequestContext } from "@playwright/test";
import { E2E_BASE_URL, E2E_PORT } from "./env";

// The SMTP server of an end-to-end run (tests/support/e2e-mail-server.ts, started by Playwright's global setup),
// and the small HTTP API through which the tests read what it received and stop or start it.
export const E2E_SMTP_PORT = E2E_PORT + 8;
export const E2E_MAIL_API = `http://127.0.0.1:${E2E_PORT + 9}`;
export const E2E_SMTP_USER = "roomdesk";
export const E2E_SMTP_PASS = "smtp-test-password";

/** The suite server's mail settings: short windows, so bursts, retries and giving up happen within a test. */
export const E2E_MAIL_ENV: Record<string, string> = {
  SMTP_URL: `smtp://${E2E_SMTP_USER}:${E2E_SMTP_PASS}@127.0.0.1:${E2E_SMTP_PORT}`,
  MAIL_FROM: "Roomdesk <rooms@roomdesk.test>",
  SITE_URL: E2E_BASE_URL,
  MAIL_BURST_SECONDS: "2",
  MAIL_RETRY_BASE_SECONDS: "1",
  MAIL_GIVE_UP_SECONDS: "20",
  MAIL_POLL_MS: "250",
};

/** A received message as the API gives it: parsed by mailparser, plus the raw source. */
export type Mail = {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
  raw: string;
};

/** What `address` has received so far, oldest first. */
export async function mailTo(request: APIRequestContext, address: string): Promise<Mail[]> {
  const response = await request.get(`${E2E_MAIL_API}/messages?to=${encodeURIComponent(address)}`);
  if (!response.ok()) throw new Error(`mail API: ${response.status()}`);
  return (await response.json()) as Mail[];
}

/** Waits until `address` has received a message whose subject matches, and returns it. */
export async function waitForMail(
  request: APIRequestContext,
  address: string,
  subject: RegExp,
  timeoutMs = 20_000,
): Promise<Mail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await mailTo(request, address)).find((mail) => subject.test(mail.subject));
    if (found) return found;
    if (Date.now() > deadline) {
      const got = (await mailTo(request, address)).map((mail) => mail.subject);
      throw new Error(`no mail to ${address} matching ${subject} within ${timeoutMs} ms (got: ${JSON.stringify(got)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Stops the SMTP server (connections refused) or starts it again on the same port, keeping what it received. */
export async function smtpServer(request: APIRequestContext, state: "stop" | "start"): Promise<void> {
  const response = await request.post(`${E2E_MAIL_API}/${state}`);
  if (!response.ok()) throw new Error(`mail API ${state}: ${response.status()}`);
}

/** Refuses every message to `address` with `code` (4xx: try later), or accepts it again with null. */
export async function refuseMailTo(request: APIRequestContext, address: string, code: number | null): Promise<void> {
  const response = await request.post(`${E2E_MAIL_API}/refuse?to=${encodeURIComponent(address)}&code=${code ?? 0}`);
  if (!response.ok()) throw new Error(`mail API refuse: ${response.status()}`);
}
