import { expect, test } from "@playwright/test";
import published from "../../content/published-slugs.json" with { type: "json" };
import { expectNoAxeViolations, expectNoSidewaysScroll } from "../support/axe";
import { queryE2eDb } from "../support/db";
import { canonicalFor } from "../support/env";

const articles = published.articles.filter((slug) => slug !== "faq");
const renames = published.faqRenames as Record<string, string>;

test("the help index links every section's articles and every question", async ({ page }) => {
  await page.goto("/help");
  await expect(page.getByRole("heading", { level: 1, name: "Help centre" })).toBeVisible();
  for (const section of ["Getting started", "Your personal room", "Security"]) {
    await expect(page.getByRole("heading", { level: 2, name: section })).toBeVisible();
  }
  await page.getByRole("main").getByRole("link", { name: "What is a Personal Meeting ID?" }).first().click();
  await expect(page).toHaveURL(/\/help\/personal-meeting-id$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What is a Personal Meeting ID?");
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Help" })).toBeVisible();
  await expect(page.getByText(/^Last updated /)).toBeVisible();
});

test("every help URL ever published still answers: 200, or a permanent redirect to a page that does", async ({
  request,
}) => {
  const urls = [
    ...published.articles.map((s) => `/help/${s}`),
    ...published.faq.map((s) => `/help/faq/${s}`),
    ...Object.keys(renames).map((s) => `/help/faq/${s}`),
  ];
  for (const url of urls) {
    const res = await request.get(url, { maxRedirects: 0 });
    const slug = url.replace("/help/faq/", "");
    if (url.startsWith("/help/faq/") && renames[slug]) {
      expect([301, 308], url).toContain(res.status());
      expect(res.headers()["location"], url).toMatch(new RegExp(`/help/faq/${renames[slug]}$`));
    } else {
      expect(res.status(), url).toBe(200);
    }
  }
});

test("each answer sits on /help/faq under its slug, and on its own permalink page with a canonical link", async ({
  page,
}) => {
  await page.goto("/help/faq");
  for (const slug of published.faq) await expect(page.locator(`[id="${slug}"]`)).toHaveCount(1);
  for (const old of Object.keys(renames)) await expect(page.locator(`[id="${old}"]`)).toHaveCount(1);

  const slug = "should-i-use-my-pmi-for-class-sessions";
  await page.goto(`/help/faq/${slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Should I use my Personal Meeting ID for class sessions?",
  );
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", canonicalFor(`/help/faq/${slug}`));
  await expect(page.getByRole("heading", { name: "Related articles" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "More questions" }).getByRole("link")).toHaveCount(2);
});

test("a deep link lands with the answer in view, below the sticky header", async ({ page }) => {
  const slug = "what-should-i-do-if-someone-intrudes";
  await page.goto(`/help/faq#${slug}`);
  const header = await page.locator("header").first().boundingBox();
  const answer = page.locator(`[id="${slug}"]`);
  await expect(answer).toBeInViewport();
  const box = await answer.boundingBox();
  expect(box!.y).toBeGreaterThanOrEqual(header!.y + header!.height - 1);
  expect(box!.y).toBeLessThan(page.viewportSize()!.height / 2);
});

test("unknown help pages are 404s that offer search", async ({ page }) => {
  for (const url of ["/help/no-such-article", "/help/faq/no-such-question"]) {
    const res = await page.goto(url);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("search")).toBeVisible();
  }
});

test("the PMI rules in the article come from the validation table, with anchors", async ({ page }) => {
  await page.goto("/help/customize-your-pmi-and-link");
  for (const id of [
    "pmi-length",
    "pmi-reserved-prefix",
    "pmi-sequence",
    "pmi-in-use",
    "link-reserved",
    "link-in-use",
  ]) {
    await expect(page.locator(`[id="rule-${id}"]`)).toHaveCount(1);
  }
  await expect(page.locator('[id="rule-pmi-reserved-prefix"]')).toContainText("800");
});

test.describe("copy link", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("copies the heading's absolute URL and says Copied", async ({ page, baseURL }) => {
    await page.goto("/help/pmi-best-practices");
    // Matched by its target, because the button's own name changes to "Copied ..." once pressed.
    const button = page.getByRole("button", { name: / to If someone intrudes$/ });
    await expect(button).toHaveText("Copy link to If someone intrudes");
    await button.click();
    await expect(button).toHaveText(/^Copied/);
    await expect(page.getByRole("status").filter({ hasText: "Link copied" })).toHaveCount(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${baseURL}/help/pmi-best-practices#if-someone-intrudes`,
    );
    // It copied instead of following the link.
    await expect(page).toHaveURL(/\/help\/pmi-best-practices$/);
  });

  test("each rule in the article copies its own anchor", async ({ page, baseURL }) => {
    await page.goto("/help/customize-your-pmi-and-link");
    await page
      .locator('[id="rule-pmi-reserved-prefix"]')
      .getByRole("button", { name: /^Copy link to / })
      .click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${baseURL}/help/customize-your-pmi-and-link#rule-pmi-reserved-prefix`,
    );
  });

  test("works from the keyboard, on an answer's own page too", async ({ page, baseURL }) => {
    const slug = "how-can-i-edit-my-pmi-passcode";
    await page.goto(`/help/faq/${slug}`);
    const button = page.getByRole("button", { name: / to How can I edit the passcode for my PMI\?$/ });
    await button.focus();
    await page.keyboard.press("Space");
    await expect(button).toHaveText(/^Copied/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/help/faq/${slug}`);
  });

  test("says so when the browser refuses to copy", async ({ page }) => {
    await page.addInitScript(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException("denied", "NotAllowedError"));
      document.execCommand = () => false;
    });
    await page.goto("/help/pmi-best-practices");
    const button = page.getByRole("button", { name: "Copy link to If someone intrudes" });
    await button.click();
    await expect(page.getByRole("status").filter({ hasText: "Could not copy the link" })).toHaveCount(1);
    await expect(button).toHaveText("Copy link to If someone intrudes");
  });

  test("on the FAQ, copies the answer's permalink", async ({ page, baseURL }) => {
    await page.goto("/help/faq");
    await page.getByRole("button", { name: "Copy link to How can I edit the passcode for my PMI?" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${baseURL}/help/faq/how-can-i-edit-my-pmi-passcode`,
    );
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("copy link is a plain link to the anchor", async ({ page }) => {
    await page.goto("/help/pmi-best-practices");
    await expect(page.getByRole("link", { name: "Copy link to If someone intrudes" })).toHaveAttribute(
      "href",
      "#if-someone-intrudes",
    );
    await page.goto("/help/customize-your-pmi-and-link");
    await expect(
      page.locator('[id="rule-pmi-reserved-prefix"]').getByRole("link", { name: /^Copy link to / }),
    ).toHaveAttribute("href", "#rule-pmi-reserved-prefix");
    await page.goto("/help/faq");
    await expect(
      page.getByRole("link", { name: "Copy link to How can I edit the passcode for my PMI?" }),
    ).toHaveAttribute("href", "/help/faq/how-can-i-edit-my-pmi-passcode");
  });

  test("search renders ranked, highlighted results on the server", async ({ page }) => {
    await page.goto("/help");
    await page.getByRole("searchbox", { name: "Search help" }).fill("pascode");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/\/help\/search\?q=pascode$/);
    const first = page
      .getByRole("list", { name: /results for/ })
      .getByRole("listitem")
      .first();
    await expect(first.getByRole("link").first()).toHaveAttribute("href", /passcode/);
    await expect(first.locator("mark").first()).toHaveText(/passcode/i);
  });

  test("a vote is recorded with a plain form post", async ({ page }) => {
    await page.goto("/help/faq/how-can-i-edit-my-pmi-passcode");
    await page.getByRole("button", { name: "No", exact: true }).click();
    await expect(page.getByText("Thanks for telling us.")).toBeVisible();
  });
});

const queryTable: [string, RegExp][] = [
  ["password", /^\/help\/(pmi-passcode|faq\/how-can-i-edit-my-pmi-passcode)/],
  ["pascode", /^\/help\/(pmi-passcode|faq\/how-can-i-edit-my-pmi-passcode)/],
  ["intruder", /^\/help\/faq\/what-should-i-do-if-someone-intrudes$/],
  ["meeting id", /^\/help\/personal-meeting-id/],
  ["what is the difference between a pmi and a regular meeting", /^\/help\/pmi-vs-regular-meetings/],
  ["class sessions", /^\/help\/faq\/should-i-use-my-pmi-for-class-sessions$/],
];

for (const [query, expected] of queryTable) {
  test(`search: "${query}" puts the right answer first`, async ({ page }) => {
    await page.goto(`/help/search?q=${encodeURIComponent(query)}`);
    const firstLink = page
      .getByRole("list", { name: /results for/ })
      .getByRole("listitem")
      .first()
      .getByRole("link")
      .first();
    expect(await firstLink.getAttribute("href")).toMatch(expected);
  });
}

test("search says so when nothing matches, and suggests articles", async ({ page }) => {
  await page.goto("/help/search?q=xylophone");
  await expect(page.getByRole("heading", { name: "No results for “xylophone”" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("listitem").first().getByRole("link")).toBeVisible();
});

test("the help search box suggests answers as you type", async ({ page }) => {
  await page.goto("/help");
  await page.getByRole("searchbox", { name: "Search help" }).pressSequentially("intruder", { delay: 20 });
  const suggestions = page.getByRole("list", { name: "Suggested answers" });
  await expect(suggestions.getByRole("link").first()).toHaveText("What should I do if someone intrudes on my PMI?");
});

test("Was this helpful? counts one answer per visitor, page and day", async ({ page }) => {
  const path = "/help/waiting-room";
  const votes = async () =>
    (
      await queryE2eDb<{ n: number; yes: number }>(
        "select cast(count(*) as integer) as n, cast(coalesce(sum(case when helpful then 1 else 0 end), 0) as integer) as yes from help_votes where page = ?",
        path,
      )
    )[0]!;
  const before = await votes();
  await page.goto(path);
  await page.getByRole("button", { name: "Yes", exact: true }).click();
  await expect(page.getByText("Thanks! Glad it helped.")).toBeVisible();
  await page.reload();
  await page.getByRole("button", { name: "No", exact: true }).click();
  await expect(page.getByText("Thanks for telling us.")).toBeVisible();
  // The "No" replaced the same visitor's "Yes" of the day: one more answer, and not one more "Yes".
  expect(await votes()).toEqual({ n: before.n + 1, yes: before.yes });
});

test("print drops the navigation", async ({ page }) => {
  await page.goto("/help/waiting-room");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Help sections" })).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

const pagesToAudit = [
  "/help",
  ...articles.map((s) => `/help/${s}`),
  "/help/faq",
  `/help/faq/${published.faq[0]}`,
  "/help/search?q=passcode",
  "/help/search?q=xylophone",
  "/help/nope",
];

test.describe("on a 360 px phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });
  for (const url of pagesToAudit) {
    test(`${url} has no axe violations and no sideways scrolling`, async ({ page }) => {
      await page.goto(url);
      await expectNoSidewaysScroll(page);
      await expectNoAxeViolations(page);
    });
  }
});

test("help pages have no axe violations on a desktop either", async ({ page }) => {
  for (const url of ["/help", "/help/customize-your-pmi-and-link", "/help/faq"]) {
    await page.goto(url);
    await expectNoAxeViolations(page);
  }
});
