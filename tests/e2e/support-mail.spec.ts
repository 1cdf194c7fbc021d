import { expect, test, type Locator, type Page } from "@playwright/test";
import { createAccount, signIn, type Account } from "../support/accounts";
import { expectNoAxeViolations } from "../support/axe";
import { queryE2eDb, roomOf } from "../support/db";
import { E2E_BASE_URL } from "../support/env";
import { mailTo, refuseMailTo, waitForMail, type Mail } from "../support/e2e-mail";

// "Send to a user" in the answer finder, and failed messages on /support. The suite server runs with
// SUPPORT_SEND_LIMIT=5 and gives mail up after MAIL_GIVE_UP_SECONDS=20 (playwright.config.ts).

// Each test makes accounts and signs in to send and read mail: more than 30 s on a busy machine.
test.beforeEach(() => test.slow());

const INTRUSION = "What should I do if someone intrudes on my PMI?";
const INTRUSION_PATH = "/help/faq/what-should-i-do-if-someone-intrudes";
const WAITING_ROOM_PATH = "/help/waiting-room#turn-the-waiting-room-on-or-off";
const ANSWER_SUBJECT = /^Roomdesk support sent you an answer: /;

const spaced = (pmi: string) => `${pmi.slice(0, 3)} ${pmi.slice(3, 6)} ${pmi.slice(6)}`;
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

async function staff(page: Page): Promise<Account> {
  const account = createAccount({ role: "support", name: `Desk ${Date.now().toString(36)}` });
  await signIn(page, account.email, account.password, "/support");
  return account;
}

async function findUser(page: Page, query: string) {
  await page.getByLabel("Find a user").fill(query);
  await page.getByRole("button", { name: "Find", exact: true }).click();
}

/** Searches the answer finder and returns the result whose permanent link is `path`. */
async function answer(page: Page, query: string, path: string): Promise<Locator> {
  await page.getByRole("searchbox", { name: "Search answers" }).fill(query);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  const item = page
    .getByRole("list", { name: /Answers for/ })
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: `${E2E_BASE_URL}${path}`, exact: true }) });
  await expect(item).toHaveCount(1);
  return item;
}

/** Opens "Send to a user" on a result, fills it in and sends. */
async function send(item: Locator, to: string, note = "") {
  const details = item.locator("details");
  if (!(await details.evaluate((d: HTMLDetailsElement) => d.open))) await item.getByText("Send to a user").click();
  await item.getByLabel("Send to").fill(to);
  await item.getByLabel("Note (optional)").fill(note);
  await item.getByRole("button", { name: "Send answer" }).click();
}

/** The form's own message: not the copy buttons' visually hidden status lines. */
const outcome = (item: Locator) => item.locator("[role=status]:not(.sr-only), [role=alert]");

/** Only links in the message: no image, style sheet, script or other remote resource, and no passcode. */
async function expectPlain(mail: Mail, owner: Account) {
  expect(mail.html).not.toMatch(/<(img|link|script|style|iframe|object|video|audio)\b|\s(src|background|style)=/i);
  expect(mail.raw).not.toContain((await roomOf(owner.email)).passcode!);
  expect(mail.raw).not.toMatch(/passcode: /i);
}

const sends = (deskEmail: string) =>
  queryE2eDb<{ action: string; query: string; target: string }>(
    `select l.action, l.query, t.email as target from support_access_log l
     join users s on s.id = l.support_user_id left join users t on t.id = l.target_user_id
     where s.email = ? and l.action = 'send' order by l.id`,
    deskEmail,
  );

test("support sends an answer to a user found by email: title, first paragraph, note, sender and permalink", async ({
  page,
  request,
}) => {
  const owner = createAccount({ name: `Answer Reader ${Date.now().toString(36)}` });
  const desk = await staff(page);
  const item = await answer(page, "someone crashed my meeting", INTRUSION_PATH);
  await send(item, owner.email.toUpperCase(), "Start with step 1, then reply to us.");
  await expect(outcome(item)).toHaveText(`Sent “${INTRUSION}” to ${owner.name} (${owner.email}).`);

  const mail = await waitForMail(request, owner.email, ANSWER_SUBJECT);
  expect(mail.subject).toBe(`Roomdesk support sent you an answer: ${INTRUSION}`);
  expect(mail.text).toContain(INTRUSION);
  expect(mail.text).toContain(`${desk.name} wrote: Start with step 1, then reply to us.`);
  expect(mail.text).toContain(`Sent by ${desk.name}, Roomdesk support.`);
  expect(mail.text).toContain(`Read the whole answer: ${E2E_BASE_URL}${INTRUSION_PATH}`);
  expect(mail.html).toContain(`href="${E2E_BASE_URL}${INTRUSION_PATH}"`);
  await expectPlain(mail, owner);

  // The permalink lands on the answer, whose first paragraph is the one the message quotes.
  const link = /Read the whole answer: (\S+)/.exec(mail.text)![1]!;
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(INTRUSION);
  const first = oneLine(await page.getByRole("article").locator("p").first().innerText());
  expect(first).toMatch(/^Select Secure my room on My room/);
  expect(oneLine(mail.text)).toContain(first);

  expect(await sends(desk.email)).toEqual([{ action: "send", query: INTRUSION_PATH, target: owner.email }]);

  // The look-up card lists it: what, when, by whom, and that it arrived.
  await page.goto("/support");
  await findUser(page, owner.email);
  const sent = page.getByRole("list", { name: `Answers sent to ${owner.name}` }).getByRole("listitem");
  await expect(sent).toHaveCount(1);
  await expect(sent).toContainText(INTRUSION);
  await expect(sent).toContainText(new RegExp(`Sent by ${desk.name} on \\w{3} \\d{1,2}, \\d{4}, .* UTC`));
  await expect(async () => {
    await page.reload();
    await expect(sent).toContainText("Delivered on", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });

  // With a user looked up, "Send to" starts with their address; the open form has no axe violations.
  const again = await answer(page, "someone crashed my meeting", INTRUSION_PATH);
  await again.getByText("Send to a user").click();
  await expect(again.getByLabel("Send to")).toHaveValue(owner.email);
  await expectNoAxeViolations(page);
});

test("support sends an article section to a user found by PMI; the permalink opens the article at the anchor", async ({
  page,
  request,
}) => {
  const owner = createAccount();
  const desk = await staff(page);
  const item = await answer(page, "turn the waiting room on or off", WAITING_ROOM_PATH);
  await send(item, spaced((await roomOf(owner.email)).pmi));
  await expect(outcome(item)).toContainText(`to ${owner.name} (${owner.email}).`);

  const mail = await waitForMail(request, owner.email, ANSWER_SUBJECT);
  expect(mail.subject).toBe(
    "Roomdesk support sent you an answer: Use the waiting room: Turn the waiting room on or off",
  );
  expect(mail.text).toContain(`Sent by ${desk.name}, Roomdesk support.`);
  expect(mail.text).not.toContain("wrote:");
  await expectPlain(mail, owner);

  const link = /Read the whole answer: (\S+)/.exec(mail.text)![1]!;
  expect(link).toBe(`${E2E_BASE_URL}${WAITING_ROOM_PATH}`);
  await page.goto(link);
  const heading = page.locator("#turn-the-waiting-room-on-or-off");
  await expect(heading).toHaveText(/Turn the waiting room on or off/);
  await expect(heading).toBeInViewport();
  // The section's first block of text (a list here), after the heading and its copy-link control.
  const first = oneLine(await heading.locator("xpath=following::*[self::p or self::ol or self::ul][1]").innerText());
  expect(first).toMatch(/^Open My room/);
  expect(oneLine(mail.text)).toContain(first);
  expect(await sends(desk.email)).toEqual([{ action: "send", query: WAITING_ROOM_PATH, target: owner.email }]);
});

test("an unknown user and a long note are refused next to their fields, and nothing is sent", async ({ page }) => {
  const owner = createAccount();
  const desk = await staff(page);
  const item = await answer(page, "someone crashed my meeting", INTRUSION_PATH);
  await send(item, "nobody@nowhere.example");
  const user = item.getByLabel("Send to");
  await expect(user).toHaveAttribute("aria-invalid", "true");
  await expect(user).toHaveAccessibleDescription(/No account matches “nobody@nowhere\.example”\./);
  await expect(user).toHaveValue("nobody@nowhere.example");

  await send(item, owner.email, "x".repeat(301));
  const note = item.getByLabel("Note (optional)");
  await expect(note).toHaveAttribute("aria-invalid", "true");
  await expect(note).toHaveAccessibleDescription(/Keep the note to 300 characters or fewer\./);
  await expect(item.getByLabel("Send to")).not.toHaveAttribute("aria-invalid");
  expect(await sends(desk.email)).toEqual([]);
});

test("each support person may send 5 answers an hour here; the sixth is refused and not sent", async ({
  page,
  request,
}) => {
  const owner = createAccount();
  const desk = await staff(page);
  const item = await answer(page, "someone crashed my meeting", INTRUSION_PATH);
  for (let i = 1; i <= 5; i++) {
    await send(item, owner.email, `Message ${i}`);
    await expect(outcome(item)).toHaveText(`Sent “${INTRUSION}” to ${owner.name} (${owner.email}).`);
    await expect(item.getByLabel("Note (optional)")).toHaveValue("");
  }
  await send(item, owner.email, "Message 6");
  await expect(outcome(item)).toHaveText(
    /^Nothing was sent: you have reached the limit of 5 answers an hour\. Try again in \d+ minutes\.$/,
  );
  expect(await sends(desk.email)).toHaveLength(5);
  await expect.poll(async () => (await mailTo(request, owner.email)).length, { timeout: 15_000 }).toBe(5);
  const [queued] = await queryE2eDb<{ n: number }>(
    "select cast(count(*) as integer) as n from outbox o join users u on u.id = o.user_id where u.email = ? and o.kind = 'answer-sent'",
    owner.email,
  );
  expect(queued!.n).toBe(5);
  expect((await mailTo(request, owner.email)).map((m) => m.text).join()).not.toContain("Message 6");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("Send to a user is a plain form", async ({ page, request }) => {
    const owner = createAccount();
    await staff(page);
    const item = await answer(page, "someone crashed my meeting", INTRUSION_PATH);
    await send(item, "nobody@nowhere.example");
    const refused = page
      .getByRole("list", { name: /Answers for/ })
      .getByRole("listitem")
      .filter({ hasText: "No account matches “nobody@nowhere.example”." });
    await expect(refused.getByLabel("Send to")).toHaveAttribute("aria-invalid", "true");
    await send(refused, owner.email, "Sent without JavaScript.");
    await expect(page.getByText(`Sent “${INTRUSION}” to ${owner.name} (${owner.email}).`)).toBeVisible();
    const mail = await waitForMail(request, owner.email, ANSWER_SUBJECT);
    expect(mail.text).toContain("wrote: Sent without JavaScript.");
  });
});

test("a message the sender gives up on shows on /support and on the user's card as failed", async ({
  page,
  request,
}) => {
  // Retries at 1, 2, 4 and 8 s, given up past 20 s.
  test.setTimeout(90_000);
  const owner = createAccount({ name: `Unreachable ${Date.now().toString(36)}` });
  await refuseMailTo(request, owner.email, 451);
  try {
    await staff(page);
    const item = await answer(page, "someone crashed my meeting", INTRUSION_PATH);
    await send(item, owner.email);
    await expect(outcome(item)).toContainText("Sent");

    const failed = page
      .getByRole("list", { name: "Messages that could not be delivered", exact: true })
      .getByRole("listitem")
      .filter({ hasText: owner.email });
    await expect(async () => {
      await page.goto("/support");
      await expect(failed).toHaveCount(1, { timeout: 1_000 });
    }).toPass({ timeout: 50_000, intervals: [2_000] });
    await expect(failed).toContainText(INTRUSION);
    await expect(failed).toContainText(/Sent by Desk \w+ on \w{3} \d{1,2}, \d{4}/);
    await expect(failed).toContainText(/Failed after [4-9] attempts\. Last error: .*451/);

    await findUser(page, owner.email);
    const card = page.getByRole("article", { name: owner.name });
    await expect(
      card.getByRole("list", { name: `Undelivered messages to ${owner.name}` }).getByRole("listitem"),
    ).toContainText(/Failed after \d+ attempts/);
    await expect(card.getByRole("list", { name: `Answers sent to ${owner.name}` })).toContainText("Failed after");
    expect(await mailTo(request, owner.email)).toEqual([]);
  } finally {
    await refuseMailTo(request, owner.email, null);
  }
});
