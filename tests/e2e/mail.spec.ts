import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { generatePmi } from "../../lib/validation/generate";
import { changePassword, createAccount, signIn, type Account } from "../support/accounts";
import { roomOf } from "../support/db";
import { E2E_BASE_URL } from "../support/env";
import { mailTo, waitForMail, type Mail } from "../support/e2e-mail";
import { formMessage, submit } from "../support/page";

// Notices to the owner, read from the run's SMTP server (tests/support/e2e-mail-server.ts). The suite server
// waits MAIL_BURST_SECONDS=2 before sending a room notice, so that a burst of saves is one message.

const spaced = (pmi: string) => `${pmi.slice(0, 3)} ${pmi.slice(3, 6)} ${pmi.slice(6)}`;
const INTRUSION = `${E2E_BASE_URL}/help/faq/what-should-i-do-if-someone-intrudes`;

async function owner(page: Page): Promise<Account> {
  const account = createAccount();
  await signIn(page, account.email, account.password, "/room");
  return account;
}

/** What every notice has: when and from where, links to the room and the intrusion answer, nothing remote. */
function expectNotice(mail: Mail, secrets: string[] = []) {
  expect(mail.from).toBe("rooms@roomdesk.test");
  expect(mail.text).toMatch(
    / on \w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M UTC from 127\.0\.0\.1 \(Chrome on (Windows|Linux)\)/,
  );
  expect(mail.text).toContain(`${E2E_BASE_URL}/room`);
  expect(mail.text).toContain(INTRUSION);
  expect(mail.html).toContain(`href="${E2E_BASE_URL}/room"`);
  expect(mail.html).toContain(`href="${INTRUSION}"`);
  // No tracking pixel, no remote image, style sheet or script: only links.
  expect(mail.html).not.toMatch(/<(img|link|script|style|iframe|object|video|audio)\b|\s(src|background|style)=/i);
  for (const secret of secrets) expect(mail.raw).not.toContain(secret);
}

test("a PMI and link change is mailed to the owner with the old and new values", async ({ page, request }) => {
  const account = await owner(page);
  const before = await roomOf(account.email);
  const pmi = generatePmi();
  const link = `notice.${Date.now().toString(36)}`;
  await page.getByLabel("Personal Meeting ID").fill(pmi);
  await page.getByLabel("Personal link").fill(link);
  await submit(page, /^Save ID/);
  await expect(formMessage(page)).toContainText("Saved.");

  const mail = await waitForMail(request, account.email, /^Your meeting room was changed/);
  expect(mail.subject).toBe("Your meeting room was changed: Personal Meeting ID, Personal link");
  expect(mail.text).toContain(`- Personal Meeting ID: ${spaced(before.pmi)} → ${spaced(pmi)}`);
  expect(mail.text).toContain(`- Personal link: ${before.link} → ${link}`);
  expectNotice(mail, [before.passcode!]);
});

test("a passcode change says only that it changed, with the settings changed beside it", async ({ page, request }) => {
  const account = await owner(page);
  const before = await roomOf(account.email);
  const passcode = `Np${Date.now().toString(36).slice(-6)}`;
  await page.getByLabel("Passcode", { exact: true }).fill(passcode);
  await page.getByLabel("Waiting room", { exact: true }).uncheck();
  await page.getByLabel("Join before host", { exact: true }).check();
  await submit(page, /^Save settings/);
  await expect(formMessage(page)).toHaveText("Saved.");

  const mail = await waitForMail(request, account.email, /^Your meeting room was changed/);
  expect(mail.subject).toBe("Your meeting room was changed: Passcode, Join before host, Waiting room");
  expect(mail.text).toContain("- Passcode changed\n- Join before host: off → on\n- Waiting room: on → off\n");
  expectNotice(mail, [passcode, before.passcode!]);
});

test("saves in a burst arrive as one message listing every change", async ({ page, request }) => {
  const account = await owner(page);
  const before = await roomOf(account.email);
  await page.getByLabel("Waiting room", { exact: true }).uncheck();
  await submit(page, /^Save settings/);
  await expect(formMessage(page)).toHaveText("Saved.");
  const link = `burst.${Date.now().toString(36)}`;
  await page.getByLabel("Personal link").fill(link);
  await submit(page, /^Save ID/);
  await expect(page.getByText(/^Saved\. Your new Personal Meeting ID and link work now/)).toBeVisible();
  await page.getByLabel("Passcode", { exact: true }).fill(`Bu${Date.now().toString(36).slice(-6)}`);
  await submit(page, /^Save settings/);
  await expect(page.getByRole("region", { name: "Recent changes" })).toContainText("Passcode changed");

  const mail = await waitForMail(request, account.email, /^Your meeting room was changed/);
  expect(mail.subject).toBe("Your meeting room was changed: Waiting room, Personal link, Passcode");
  expect(mail.text).toMatch(
    new RegExp(
      `- Waiting room: on → off\\n[^]*- Personal link: ${before.link.replace(/\./g, "\\.")} → ${link.replace(/\./g, "\\.")}\\n[^]*- Passcode changed\\n`,
    ),
  );
  // Give a straggler the time to arrive: there is none.
  await page.waitForTimeout(4_000);
  const notices = (await mailTo(request, account.email)).filter((m) => m.subject.startsWith("Your meeting room"));
  expect(notices).toHaveLength(1);
});

test("securing the room is mailed, saying who did it when support did", async ({ page, browser, request }) => {
  const account = await owner(page);
  await page.getByRole("button", { name: "Secure my room" }).click();
  await page.getByRole("button", { name: "Yes, secure my room" }).click();
  await expect(page.getByText("Your room is secured.")).toBeVisible();
  const mine = await waitForMail(request, account.email, /^Your meeting room was secured$/);
  expectNotice(mine, [(await roomOf(account.email)).passcode!]);
  expect(mine.text).not.toContain("of support");

  const staff = createAccount({ role: "support" });
  const desk = await (await browser.newContext()).newPage();
  await signIn(desk, staff.email, staff.password, "/support");
  await desk.getByLabel("Find a user").fill(account.email);
  await desk.getByRole("button", { name: "Find", exact: true }).click();
  await desk.getByText("Secure this room", { exact: true }).click();
  await desk.getByRole("button", { name: "Yes, secure this room" }).click();
  await expect(desk.getByText("Room secured.")).toBeVisible();
  const theirs = await waitForMail(request, account.email, /^Support secured your meeting room$/);
  expect(theirs.text).toContain(`by ${staff.name} of support`);
  expectNotice(theirs, [(await roomOf(account.email)).passcode!]);
});

test("a password change is mailed, without the password", async ({ page, request }) => {
  const account = await owner(page);
  const password = "a brand new passphrase for mail";
  await changePassword(page, account.password, password);
  const mail = await waitForMail(request, account.email, /^Your Roomdesk password was changed$/);
  expectNotice(mail, [password, account.password]);
  expect(mail.text).toContain(`${E2E_BASE_URL}/account`);
});

async function signInFresh(browser: Browser, account: Account): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, account.email, account.password, "/room");
  return page;
}

const signIns = async (request: APIRequestContext, email: string) =>
  (await mailTo(request, email)).filter((mail) => mail.subject === "New sign-in to your Roomdesk account");

test("a sign-in from a browser new to the account is mailed; a browser seen before is not", async ({
  page,
  browser,
  request,
}) => {
  const account = await owner(page);
  const first = await waitForMail(request, account.email, /^New sign-in to your Roomdesk account$/);
  expectNotice(first, [account.password]);
  expect(first.text).toMatch(/Signed in on .* from 127\.0\.0\.1 \(Chrome on (Windows|Linux)\)/);

  // The same browser again: it carries the device cookie of its first sign-in.
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await signIn(page, account.email, account.password, "/room");
  // Another browser: news.
  await signInFresh(browser, account);
  await expect.poll(async () => (await signIns(request, account.email)).length, { timeout: 15_000 }).toBe(2);
  await page.waitForTimeout(2_000);
  expect(await signIns(request, account.email)).toHaveLength(2);
});
