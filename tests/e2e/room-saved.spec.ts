import { expect, test, type Page } from "@playwright/test";
import { generatePmi } from "../../lib/validation/generate";
import { createAccount, signIn, type Account } from "../support/accounts";
import { roomOf } from "../support/db";
import { formMessage, submit } from "../support/page";

const spaced = (pmi: string) => `${pmi.slice(0, 3)} ${pmi.slice(3, 6)} ${pmi.slice(6)}`;

async function ownerOnRoom(page: Page): Promise<Account> {
  const account = createAccount();
  await signIn(page, account.email, account.password, "/room");
  return account;
}

/** Submits a room form and returns the body of the server's answer. */
async function save(page: Page, button: RegExp): Promise<string> {
  let body = "";
  // Passed through the test: Chromium does not keep the body of a streamed answer for Playwright to read.
  await page.route("**/room", async (route) => {
    if (route.request().method() !== "POST") return route.fallback();
    const response = await route.fetch();
    body = await response.text();
    await route.fulfill({ response, body });
  });
  await submit(page, button);
  await page.unroute("**/room");
  return body;
}

const history = (page: Page) => page.getByRole("region", { name: "Recent changes" });
const invitation = (page: Page) => page.getByLabel("Invitation text");

test.describe("with JavaScript", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("a save shows the new room everywhere on the page at once, from the answer to the save alone", async ({
    page,
    baseURL,
  }) => {
    const account = await ownerOnRoom(page);
    const before = await roomOf(account.email);
    await page.getByLabel("Passcode", { exact: true }).fill("");
    const settingsAnswer = await save(page, /^Save settings/);
    await expect(formMessage(page)).toHaveText("Saved.");
    // The page is not rendered again for a save: its answer carries the form's state and the room, no more.
    expect(settingsAnswer).not.toContain("Recent changes");
    await expect(page.getByText("None (guests wait in the waiting room)")).toBeVisible();
    await expect(invitation(page)).toHaveValue(/No passcode: the host admits you from the waiting room\./);
    await expect(invitation(page)).not.toHaveValue(new RegExp(before.passcode!));
    await expect(history(page)).toContainText("Passcode removed");
    await expect(page.getByLabel("Passcode", { exact: true })).toHaveValue("");

    const pmi = generatePmi();
    const link = `saved.${Date.now().toString(36)}`;
    await page.getByLabel("Personal Meeting ID").fill(pmi);
    await page.getByLabel("Personal link").fill(link);
    const identityAnswer = await save(page, /^Save ID/);
    expect(identityAnswer).not.toContain("Recent changes");
    await expect(page.getByTestId("pmi")).toHaveText(spaced(pmi));
    await expect(page.getByTestId("link")).toHaveText(`${baseURL}/my/${link}`);
    await expect(page.getByLabel("Personal Meeting ID")).toHaveValue(spaced(pmi));
    await expect(history(page)).toContainText(`Personal link: ${before.link} → ${link}`);
    await expect(history(page).getByRole("listitem").first()).toContainText("Changed by you");

    await page.getByRole("button", { name: "Copy link" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/my/${link}`);
    await page.getByRole("button", { name: "Copy invitation" }).click();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toContain(`Join: ${baseURL}/my/${link}`);
    expect(text).toContain(`Meeting ID: ${spaced(pmi)}`);
    expect(text).not.toContain("Passcode:");
  });

  test("Back to My room after a save shows the saved room, not the one first shown", async ({ page }) => {
    await ownerOnRoom(page);
    await page.getByLabel("Passcode", { exact: true }).fill("Back_4ward");
    await save(page, /^Save settings/);
    await expect(formMessage(page)).toHaveText("Saved.");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Meetings" }).click();
    await expect(page).toHaveURL(/\/meetings$/);
    await page.goBack();
    await expect(page).toHaveURL(/\/room$/);
    await expect(page.getByLabel("Passcode", { exact: true })).toHaveValue("Back_4ward");
    await expect(invitation(page)).toHaveValue(/Passcode: Back_4ward/);
    await expect(history(page)).toContainText("Passcode changed");
  });

  test("a room changed elsewhere since the page was shown: the next save brings that change in too", async ({
    page,
    context,
  }) => {
    const account = await ownerOnRoom(page);
    const before = await roomOf(account.email);
    const elsewhere = await context.newPage();
    await elsewhere.goto("/room");
    const pmi = generatePmi();
    await elsewhere.getByLabel("Personal Meeting ID").fill(pmi);
    await submit(elsewhere, /^Save ID/);
    await expect(elsewhere.getByTestId("pmi")).toHaveText(spaced(pmi));

    await page.getByLabel("Join before host", { exact: true }).check();
    await save(page, /^Save settings/);
    await expect(formMessage(page)).toHaveText("Saved.");
    await expect(page.getByTestId("pmi")).toHaveText(spaced(pmi));
    await expect(page.getByLabel("Personal Meeting ID")).toHaveValue(spaced(pmi));
    await expect(history(page)).toContainText(`Personal Meeting ID: ${spaced(before.pmi)} → ${spaced(pmi)}`);
    await expect(history(page)).toContainText("Join before host: off → on");
    expect(await roomOf(account.email)).toMatchObject({ pmi, joinBeforeHost: true });
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a save lands on My room showing the message and the new room everywhere", async ({ page }) => {
    const account = await ownerOnRoom(page);
    await page.getByLabel("Passcode", { exact: true }).fill("");
    await save(page, /^Save settings/);
    await expect(page.getByText("Saved.", { exact: true })).toBeVisible();
    await expect(page.getByText("None (guests wait in the waiting room)")).toBeVisible();
    await expect(invitation(page)).toHaveValue(/No passcode: the host admits you from the waiting room\./);
    await expect(history(page)).toContainText("Passcode removed");
    await expect(page.getByLabel("Passcode", { exact: true })).toHaveValue("");
    expect((await roomOf(account.email)).passcode).toBeNull();
  });
});
