import type { Page } from "@playwright/test";

/** The form-level message (success or error), not Next's route announcer, which is also role=alert. */
export const formMessage = (page: Page) => page.locator("[role=alert]:not(#__next-route-announcer__), [role=status]");
