import { expect, type Page } from "@playwright/test";

/**
 * The form-level message (success or error): not Next's route announcer (also role=alert) and not the
 * visually hidden status lines that copy buttons use.
 */
export const formMessage = (page: Page) =>
  page.locator("[role=alert]:not(#__next-route-announcer__):not(.sr-only), [role=status]:not(.sr-only)");

/**
 * Clicks a submit button and waits until the server's answer is on the page: the response has arrived and
 * the button is no longer pending (it carries aria-disabled while its form's action runs).
 */
export async function submit(page: Page, name: string | RegExp) {
  const button = page.getByRole("button", typeof name === "string" ? { name, exact: true } : { name });
  const answered = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.url().startsWith(new URL(page.url()).origin),
  );
  await button.click();
  await answered;
  await expect(button).not.toHaveAttribute("aria-disabled", "true");
}
