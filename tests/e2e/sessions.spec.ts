import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { createAccount, signIn, type Account } from "../support/accounts";
import { formMessage } from "../support/page";

const SIGNED_OUT = "Your session has ended. Sign in again to continue.";

/** Another browser holding a copy of every cookie `from` has now: what a stolen session cookie gives. */
async function copyOf(browser: Browser, from: BrowserContext): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  await context.addCookies(await from.cookies());
  return { context, page: await context.newPage() };
}

/** The copy has /account open, as if it was in use when the session ended. */
async function openAccount(page: Page) {
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Account", exact: true })).toBeVisible();
}

/** The ended session can neither run an action from a page it had open nor open a signed-in page. */
async function expectEnded(page: Page) {
  await page.getByRole("button", { name: "Sign out of every device" }).click();
  await expect(formMessage(page)).toHaveText(SIGNED_OUT);
  await page.goto("/room");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Froom$/);
}

/** The account signed in on a laptop and a phone, both on /account, and a copy of the laptop's cookie also there. */
async function twoDevicesAndACopy(browser: Browser, account: Account) {
  const signedIn = async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, account.email, account.password, "/account");
    return { context, page };
  };
  const laptop = await signedIn();
  const phone = await signedIn();
  const laptopCopy = await copyOf(browser, laptop.context);
  await openAccount(laptopCopy.page);
  return { laptop, phone, laptopCopy };
}

test.describe("sessions end on the server", () => {
  test("after Sign out, a copy of the session cookie opens nothing and runs nothing", async ({ browser }) => {
    const account = createAccount();
    const owner = await browser.newContext();
    const page = await owner.newPage();
    await signIn(page, account.email, account.password, "/account");
    const copy = await copyOf(browser, owner);
    await openAccount(copy.page);

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/$/);

    await expectEnded(copy.page);
    await owner.close();
    await copy.context.close();
  });

  test("Sign out of every device ends the other sessions and copies of this one; this browser stays in", async ({
    browser,
  }) => {
    const account = createAccount();
    const { laptop, phone, laptopCopy } = await twoDevicesAndACopy(browser, account);

    await laptop.page.getByRole("button", { name: "Sign out of every device" }).click();
    await expect(formMessage(laptop.page)).toContainText("Every other device is signed out");

    await expectEnded(phone.page);
    await expectEnded(laptopCopy.page);
    await laptop.page.goto("/room");
    await expect(laptop.page.getByRole("heading", { name: "My room" })).toBeVisible();
    for (const c of [laptop, phone, laptopCopy]) await c.context.close();
  });

  test("a password change ends the other sessions and copies of this one; this browser stays in", async ({
    browser,
  }) => {
    const account = createAccount();
    const { laptop, phone, laptopCopy } = await twoDevicesAndACopy(browser, account);

    await laptop.page.getByLabel("Current password").fill(account.password);
    await laptop.page.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
    await laptop.page.getByLabel("Confirm new password").fill("a brand new passphrase");
    await laptop.page.getByRole("button", { name: "Change password" }).click();
    await expect(formMessage(laptop.page)).toContainText("Password changed");

    await expectEnded(phone.page);
    await expectEnded(laptopCopy.page);
    await laptop.page.goto("/room");
    await expect(laptop.page.getByRole("heading", { name: "My room" })).toBeVisible();
    for (const c of [laptop, phone, laptopCopy]) await c.context.close();
  });
});
