import { expect, test, type Page } from "@playwright/test";
import { createAccount, signIn, type Account } from "../support/accounts";
import { expectNoAxeViolations, expectNoSidewaysScroll } from "../support/axe";
import { queryE2eDb, roomOf } from "../support/db";
import { submit } from "../support/page";

const spaced = (pmi: string) => `${pmi.slice(0, 3)} ${pmi.slice(3, 6)} ${pmi.slice(6)}`;

async function staff(page: Page, target = "/support"): Promise<Account> {
  const account = createAccount({ role: "support", name: `Desk ${Date.now().toString(36)}` });
  await signIn(page, account.email, account.password, target);
  return account;
}

async function findUser(page: Page, query: string) {
  await page.getByLabel("Find a user").fill(query);
  await page.getByRole("button", { name: "Find", exact: true }).click();
}

test.describe("answer finder", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("finds answers with the help search and copies a link and a reply", async ({ page, baseURL }) => {
    await staff(page);
    await page.getByRole("searchbox", { name: "Search answers" }).fill("someone crashed my meeting");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const first = page
      .getByRole("list", { name: /Answers for/ })
      .getByRole("listitem")
      .first();
    await expect(first).toContainText("What should I do if someone intrudes on my PMI?");
    const url = `${baseURL}/help/faq/what-should-i-do-if-someone-intrudes`;
    await expect(first.getByRole("link")).toHaveText(url);
    await first.getByRole("button", { name: "Copy link" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await first.getByRole("button", { name: "Copy reply" }).click();
    const reply = await page.evaluate(() => navigator.clipboard.readText());
    expect(reply).toContain("What should I do if someone intrudes on my PMI?");
    expect(reply).toContain(url);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the answer finder is a plain form and the links are selectable text", async ({ page }) => {
    await staff(page);
    await page.getByRole("searchbox", { name: "Search answers" }).fill("password");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/\/support\?q=password$/);
    const first = page
      .getByRole("list", { name: /Answers for/ })
      .getByRole("listitem")
      .first();
    await expect(first.getByRole("link")).toHaveText(/\/help\/(pmi-passcode|faq\/how-can-i-edit-my-pmi-passcode)/);
    await expect(first.getByRole("button")).toHaveCount(0);
  });
});

test("finds one account from an email, a PMI in any form, a join URL, a personal link or a meeting ID, and never shows the passcode", async ({
  page,
  browser,
}) => {
  // Two sign-ins and eight look-ups: more than 30 s on a busy machine.
  test.slow();
  const owner = createAccount({ name: "Lookup Target" });
  const ownerContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  await signIn(ownerPage, owner.email, owner.password, "/meetings/new");
  await ownerPage.getByLabel("Title").fill("Lookup meeting");
  await ownerPage.getByLabel("Start").fill("2030-01-01T10:00");
  await ownerPage.getByRole("button", { name: "Schedule" }).click();
  const meetingId = (await ownerPage.getByTestId("meeting-id").textContent())!;
  await ownerContext.close();

  const room = await roomOf(owner.email);
  const desk = await staff(page);
  const queries = [
    owner.email.toUpperCase(),
    spaced(room.pmi),
    `${room.pmi.slice(0, 3)}-${room.pmi.slice(3, 6)}-${room.pmi.slice(6)}`,
    `http://rooms.example/j/${room.pmi}`,
    room.link.toUpperCase(),
    `https://rooms.example/my/${room.link}`,
    meetingId,
  ];
  for (const query of queries) {
    await findUser(page, query);
    const card = page.getByRole("article", { name: "Lookup Target" });
    await expect(card, query).toBeVisible();
    await expect(card.getByTestId("found-pmi")).toHaveText(spaced(room.pmi));
    await expect(card.getByTestId("found-passcode")).toHaveText("Set");
    expect(await page.content()).not.toContain(room.passcode!);
  }
  await findUser(page, "nobody@nowhere.example");
  await expect(page.getByText("No account matches “nobody@nowhere.example”.")).toBeVisible();

  const [log] = await queryE2eDb<{ n: number }>(
    "select cast(count(*) as integer) as n from support_access_log l join users s on s.id = l.support_user_id where s.email = ?",
    desk.email,
  );
  expect(log!.n).toBe(queries.length + 1);
});

test("flags settings that break a best practice with the answer that explains them", async ({ page, browser }) => {
  const owner = createAccount({ name: "No Passcode Owner" });
  const ownerContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  await signIn(ownerPage, owner.email, owner.password, "/room");
  await ownerPage.getByLabel("Passcode", { exact: true }).fill("");
  await submit(ownerPage, /^Save settings/);
  await expect(ownerPage.getByText("Saved.")).toBeVisible();
  await ownerContext.close();

  await staff(page);
  await findUser(page, owner.email);
  const warnings = page.getByRole("list", { name: "Best-practice warnings" });
  await expect(warnings).toContainText("No passcode");
  await expect(
    warnings.getByRole("link", { name: "How do I add a waiting room to my Personal Meeting ID?" }),
  ).toHaveAttribute("href", "/help/faq/how-do-i-add-a-waiting-room-to-my-pmi");
});

test("support secures a room; the owner sees the change, when, and who did it", async ({ page, browser }) => {
  const owner = createAccount({ name: "Intruded Owner" });
  const before = await roomOf(owner.email);
  const desk = await staff(page);
  await findUser(page, owner.email);
  await page.getByText("Secure this room", { exact: true }).click();
  await page.getByRole("button", { name: "Yes, secure this room" }).click();
  await expect(page.getByText("Room secured.")).toBeVisible();
  const after = await roomOf(owner.email);
  expect(after.pmi).not.toBe(before.pmi);
  expect(after.link.startsWith(`${before.link}.`)).toBe(true);
  expect(after.passcode).not.toBe(before.passcode);
  await expect(
    page.getByRole("article", { name: "Intruded Owner" }).getByRole("region", { name: "Recent changes" }),
  ).toContainText("Room secured by you");

  const ownerContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  await signIn(ownerPage, owner.email, owner.password, "/room");
  await expect(ownerPage.getByText(/^Support \(Desk [a-z0-9]+\) secured your room on /)).toBeVisible();
  await expect(ownerPage.getByRole("region", { name: "Recent changes" })).toContainText(
    /Room secured by Desk [a-z0-9]+ \(support\)/,
  );
  await ownerContext.close();
  const log = await queryE2eDb<{ action: string }>(
    "select l.action from support_access_log l join users s on s.id = l.support_user_id where s.email = ? order by l.id",
    desk.email,
  );
  expect(log.map((r) => r.action)).toContain("secure");
});

test("owners and signed-out visitors are refused on every support route and action, even replaying a real request", async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  // Three sign-ins and every support route and action replayed: more than 30 s on a busy machine.
  test.slow();
  const victim = createAccount({ name: "Replay Victim" });
  await staff(page);
  await findUser(page, victim.email);
  await page.getByText("Secure this room", { exact: true }).click();
  const captured = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await page.getByRole("button", { name: "Yes, secure this room" }).click();
  const request = await captured;
  await expect(page.getByText("Room secured.")).toBeVisible();
  const secured = await roomOf(victim.email);

  const owner = createAccount();
  const ownerContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  await signIn(ownerPage, owner.email, owner.password, "/room");
  const res = await ownerPage.goto("/support?find=" + encodeURIComponent(victim.email));
  expect(res?.status()).toBe(404);
  await expect(ownerPage.getByText("Replay Victim")).toHaveCount(0);
  const ownerCookie = (await ownerContext.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

  const replay = async (cookie: string | undefined) => {
    const context = await playwright.request.newContext({ baseURL });
    const headers = Object.fromEntries(
      Object.entries(await request.allHeaders()).filter(
        ([k]) => !k.startsWith(":") && k !== "content-length" && k !== "cookie",
      ),
    );
    const response = await context.post(request.url(), {
      headers: cookie ? { ...headers, cookie } : headers,
      data: request.postDataBuffer()!,
      maxRedirects: 0,
    });
    const status = response.status();
    await context.dispose();
    return status;
  };
  await replay(ownerCookie);
  await replay(undefined);
  expect(await roomOf(victim.email)).toEqual(secured);
  await ownerContext.close();

  const anonymous = await browser.newContext();
  const anonymousPage = await anonymous.newPage();
  await anonymousPage.goto("/support");
  await expect(anonymousPage).toHaveURL(/\/signin\?callbackUrl=%2Fsupport$/);
  await anonymous.close();
});

test.describe("on a 360 px phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });
  test("/support with answers and a user has no axe violations and no sideways scrolling", async ({ page }) => {
    await staff(page, "/support?q=waiting%20room&find=ada%40example.edu");
    await expect(page.getByRole("article", { name: "Ada Lovelace" })).toBeVisible();
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);
  });
});
