import type { Page } from "@playwright/test";

/** The form-level message (success or error), not Next's route announcer, which is also role=alert. */
export const formMessage = (page: Page) => page.locator("[role=alert]:not(#__next-route-announcer__), [role=status]");

/** Clicks a submit button and waits for the server's answer, so repeated submissions never overlap. */
export async function submit(page: Page, name: string) {
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && r.url().startsWith(new URL(page.url()).origin));
  await page.getByRole("button", { name, exact: true }).click();
  await answered;
}
