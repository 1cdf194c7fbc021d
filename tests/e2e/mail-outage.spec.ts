import { expect, test } from "@playwright/test";
import { changePassword, createAccount, signIn } from "../support/accounts";
import { queryE2eDb } from "../support/db";
import { mailTo, smtpServer, waitForMail } from "../support/e2e-mail";
import { formMessage, submit } from "../support/page";

// Runs on its own, after the rest of the suite (playwright.config.ts): it stops the SMTP server everyone sends to.

type Row = { kind: string; status: string; attempts: number };
const rowsTo = (email: string) =>
  queryE2eDb<Row>("select kind, status, attempts from outbox where recipient = ? order by id", email);

test.afterEach(async ({ request }) => {
  await smtpServer(request, "start");
});

test("an SMTP outage loses nothing and sends nothing twice: the notices go once the server is back", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const account = createAccount();
  await signIn(page, account.email, account.password, "/room");
  await waitForMail(request, account.email, /^New sign-in/);

  await smtpServer(request, "stop");
  await page.getByLabel("Waiting room", { exact: true }).uncheck();
  await submit(page, /^Save settings/);
  await expect(formMessage(page)).toHaveText("Saved.");
  const password = "a new passphrase during the outage";
  await changePassword(page, account.password, password);

  // Both notices were tried while the server was down, and are waiting to be tried again.
  await expect
    .poll(async () => (await rowsTo(account.email)).filter((r) => r.status === "pending" && r.attempts > 0).length, {
      timeout: 20_000,
    })
    .toBe(2);

  await smtpServer(request, "start");
  await waitForMail(request, account.email, /^Your meeting room was changed: Waiting room$/, 30_000);
  await waitForMail(request, account.email, /^Your Roomdesk password was changed$/, 30_000);
  await expect
    .poll(async () => (await rowsTo(account.email)).map((r) => r.status), { timeout: 10_000 })
    .toEqual(["sent", "sent", "sent"]);
  // Later rounds of every server's sender find nothing more to send.
  await page.waitForTimeout(3_000);
  expect((await mailTo(request, account.email)).map((mail) => mail.subject).sort()).toEqual([
    "New sign-in to your Roomdesk account",
    "Your Roomdesk password was changed",
    "Your meeting room was changed: Waiting room",
  ]);
});
