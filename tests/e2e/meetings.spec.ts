import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import ICAL from "ical.js";
import { generatePmi } from "../../lib/validation/generate";
import { createAccount, signIn } from "../support/accounts";
import { expectNoAxeViolations, expectNoSidewaysScroll } from "../support/axe";
import { queryE2eDb, roomOf } from "../support/db";
import { submit } from "../support/page";

const spacedPmi = (pmi: string) => `${pmi.slice(0, 3)} ${pmi.slice(3, 6)} ${pmi.slice(6)}`;

async function owner(page: Page, target = "/meetings/new") {
  const account = createAccount();
  await signIn(page, account.email, account.password, target);
  return account;
}

async function fillBasics(page: Page, title: string, start = "2030-05-06T10:00", zone = "Europe/Berlin") {
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Start").fill(start);
  await page.getByLabel("Duration").fill("45");
  await page.getByLabel("Time zone").selectOption(zone);
}

/** Clicks the meeting page's download link and reads the file the browser saved, as a calendar app would. */
async function downloadCalendar(page: Page) {
  const saved = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download calendar file (.ics)" }).click();
  const text = await readFile((await (await saved).path())!, "utf8");
  return { text, calendar: new ICAL.Component(ICAL.parse(text)) };
}

test("a regular meeting gets a generated 11-digit ID, shown 3-4-4, and can be edited without changing it", async ({
  page,
}) => {
  const account = await owner(page);
  await fillBasics(page, "Budget review");
  await expect(page.getByLabel("Generate automatically")).toBeChecked();
  await expect(page.getByLabel("Passcode")).toHaveValue(/^[A-Za-z0-9]{8}$/);
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Budget review");
  const shown = await page.getByTestId("meeting-id").textContent();
  expect(shown).toMatch(/^\d{3} \d{4} \d{4}$/);
  const [row] = await queryE2eDb<{ meeting_id: string; passcode: string }>(
    "select m.meeting_id, m.passcode from meetings m join users u on u.id = m.user_id where u.email = ?",
    account.email,
  );
  expect(row!.meeting_id).toBe(shown!.replace(/ /g, ""));
  expect(row!.passcode).toMatch(/^[A-Za-z0-9]{8}$/);
  await expect(page.getByText("May 6, 2030, 10:00 AM GMT+2", { exact: true })).toBeVisible();

  await page.getByRole("link", { name: "Edit meeting" }).click();
  await page.getByLabel("Title").fill("Budget review (moved)");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Budget review (moved)");
  await expect(page.getByTestId("meeting-id")).toHaveText(shown!);
});

test("choosing the PMI for a recurring meeting warns (before and after) with the class-sessions answer, and does not block", async ({
  page,
}) => {
  await owner(page);
  await fillBasics(page, "Weekly office hours");
  await page.getByLabel("Personal Meeting ID").check();
  const warning = page.getByRole("link", { name: "Should I use my Personal Meeting ID for class sessions?" });
  await expect(warning).toHaveCount(0);
  await page.getByLabel("Recurrence").selectOption("weekly");
  await expect(warning).toHaveAttribute("href", "/help/faq/should-i-use-my-pmi-for-class-sessions");
  await page.getByLabel("Wednesday").check();
  await page.getByLabel("Number of occurrences", { exact: true }).fill("8");
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Weekly office hours");
  await expect(warning).toBeVisible();
  await expect(page.getByText("Every week on Wednesday, 8 times", { exact: true })).toBeVisible();
});

test("refused input is explained next to its field and nothing is scheduled", async ({ page }) => {
  const account = await owner(page);
  await fillBasics(page, "Too short", "2101-01-03T10:00");
  await submit(page, "Schedule");
  await expect(page.getByText("Choose a start in the years 2000 to 2100.")).toBeVisible();
  await page.getByLabel("Start").fill("2030-05-06T10:00");
  await page.getByLabel("Duration").fill("10");
  await submit(page, "Schedule");
  await expect(page.getByText("A meeting lasts at least 15 minutes.")).toBeVisible();
  await expect(page.getByLabel("Duration")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Duration").fill("30");
  await page.getByLabel("Recurrence").selectOption("daily");
  await page.getByLabel("Number of occurrences", { exact: true }).fill("61");
  await submit(page, "Schedule");
  await expect(page.getByText("Enter a number of occurrences from 1 to 60.")).toBeVisible();
  await page.getByLabel("On a date").check();
  await page.getByLabel("End date").fill("2030-12-31");
  await submit(page, "Schedule");
  await expect(page.getByText("A series has at most 60 meetings: choose an earlier end date.")).toBeVisible();
  await page.getByLabel("Recurrence").selectOption("weekly");
  await page.getByLabel("End date").fill("2030-06-30");
  await submit(page, "Schedule");
  await expect(page.getByText("Pick at least one day of the week.")).toBeVisible();
  await page.getByLabel("Passcode").fill("123456");
  await page.getByLabel("Monday").check();
  await submit(page, "Schedule");
  await expect(page.getByText("Don't use a simple run like 123456 or abcdef.")).toBeVisible();
  const [count] = await queryE2eDb<{ n: number }>(
    "select cast(count(*) as integer) as n from meetings m join users u on u.id = m.user_id where u.email = ?",
    account.email,
  );
  expect(count!.n).toBe(0);
});

test("the calendar file places a New York meeting and a UTC meeting at the right instant", async ({ page }) => {
  await owner(page);
  for (const [zone, start, instant] of [
    ["America/New_York", "2030-12-16T09:00", "2030-12-16T14:00:00.000Z"],
    ["America/New_York", "2030-07-15T09:00", "2030-07-15T13:00:00.000Z"],
    ["UTC", "2030-12-16T10:00", "2030-12-16T10:00:00.000Z"],
  ] as const) {
    await page.goto("/meetings/new");
    await fillBasics(page, `Call in ${zone}`, start, zone);
    await page.getByRole("button", { name: "Schedule" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Call in ${zone}`);
    const { text, calendar } = await downloadCalendar(page);
    const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
    expect(event.startDate.toJSDate().toISOString()).toBe(instant);
    expect(event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime()).toBe(45 * 60_000);
    if (zone === "UTC") expect(text).toMatch(/^DTSTART:\d{8}T\d{6}Z\r$/m);
    else {
      // The zone is defined in the file itself, not left for the calendar app to guess.
      expect(calendar.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe(zone);
      expect(event.startDate.zone?.tzid).toBe(zone);
    }
  }
});

test("a title sent with a line break cannot add lines to the calendar file, and the calendar's name is escaped", async ({
  page,
}) => {
  await owner(page);
  await fillBasics(page, "placeholder");
  // What a hand-made request could send: a text input itself drops line breaks.
  await page.getByLabel("Title").evaluate((input: HTMLInputElement, title) => {
    input.removeAttribute("name");
    const crafted = Object.assign(document.createElement("input"), { type: "hidden", name: "title", value: title });
    input.form!.append(crafted);
  }, "Plan, review; ship\r\nX-INJECTED:1");
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Plan, review; ship X-INJECTED:1");
  const { text, calendar } = await downloadCalendar(page);
  const names = [calendar, ...calendar.getAllSubcomponents()].flatMap((c) => c.getAllProperties().map((p) => p.name));
  expect(names).not.toContain("x-injected");
  expect(text).not.toMatch(/^X-INJECTED/m);
  expect(text).toContain("\r\nNAME:Plan\\, review\\; ship X-INJECTED:1\r\n");
  expect(text).toContain("\r\nX-WR-CALNAME:Plan\\, review\\; ship X-INJECTED:1\r\n");
  expect(new ICAL.Event(calendar.getFirstSubcomponent("vevent")!).summary).toBe("Plan, review; ship X-INJECTED:1");
});

test("the list shows upcoming meetings by next occurrence and moves finished one-time meetings to Past", async ({
  page,
}) => {
  await owner(page);
  for (const [title, start] of [
    ["Later", "2031-01-10T09:00"],
    ["Sooner", "2030-02-01T09:00"],
    ["Long ago", "2020-01-01T09:00"],
  ] as const) {
    await page.goto("/meetings/new");
    await fillBasics(page, title, start);
    await page.getByRole("button", { name: "Schedule" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  }
  await page.goto("/meetings");
  const upcoming = page.getByRole("list", { name: "Upcoming" }).getByRole("link");
  await expect(upcoming).toHaveText(["Sooner", "Later"]);
  await expect(page.getByRole("list", { name: "Past" }).getByRole("link")).toHaveText(["Long ago"]);
});

test("a meeting on the PMI moves with the PMI", async ({ page }) => {
  const account = await owner(page);
  await fillBasics(page, "Quick sync");
  await page.getByLabel("Personal Meeting ID").check();
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByTestId("meeting-id")).toHaveText(spacedPmi((await roomOf(account.email)).pmi));
  const meetingUrl = page.url();
  await page.goto("/room");
  const pmi = generatePmi();
  await page.getByLabel("Personal Meeting ID").fill(pmi);
  await submit(page, /^Save ID/);
  await page.goto(meetingUrl);
  await expect(page.getByTestId("meeting-id")).toHaveText(spacedPmi(pmi));
});

test("only the owner can see, edit, download or delete a meeting; others get a 404", async ({ page, browser }) => {
  await owner(page);
  await fillBasics(page, "Private meeting");
  await page.getByLabel("Recurrence").selectOption("weekly");
  await page.getByLabel("Monday").check();
  await page.getByLabel("Number of occurrences", { exact: true }).fill("3");
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Private meeting");
  const path = new URL(page.url()).pathname;

  const ics = await page.request.get(`${path}/calendar.ics`);
  expect(ics.headers()["content-type"]).toContain("text/calendar");
  const body = await ics.text();
  expect(body).toContain("RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3");
  expect(body).toContain("DTSTART;TZID=Europe/Berlin:20300506T100000");

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  const stranger = createAccount();
  await signIn(otherPage, stranger.email, stranger.password, "/meetings");
  for (const url of [path, `${path}/edit`]) expect((await otherPage.goto(url))?.status()).toBe(404);
  expect((await otherPage.request.get(`${path}/calendar.ics`)).status()).toBe(404);
  await other.close();

  await page.getByText("Delete meeting").click();
  await page.getByRole("button", { name: "Yes, delete it" }).click();
  await expect(page).toHaveURL(/\/meetings\?deleted=1$/);
  await expect(page.getByText("Meeting deleted.")).toBeVisible();
  expect((await page.goto(path))?.status()).toBe(404);
});

test.describe("time zone default", () => {
  test.use({ timezoneId: "Asia/Tokyo" });
  test("is the browser's zone at first, then the zone of the previous meeting", async ({ page }) => {
    await owner(page);
    await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Tokyo");
    await fillBasics(page, "Berlin call");
    await page.getByRole("button", { name: "Schedule" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Berlin call");
    await page.goto("/meetings/new");
    await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Berlin");
  });
});

test.describe("a browser that names its zone the old way", () => {
  // Chromium reports Asia/Kolkata as Asia/Calcutta; the picker offers and stores the current name.
  test.use({ timezoneId: "Asia/Kolkata" });
  test("gets its zone preselected in the list's spelling", async ({ page }) => {
    await owner(page);
    await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Kolkata");
    await page.getByLabel("Title").fill("Stand-up");
    await page.getByLabel("Start").fill("2030-07-01T09:00");
    await page.getByRole("button", { name: "Schedule" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Stand-up");
    await expect(page.getByText("Asia/Kolkata", { exact: true })).toBeVisible();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("a plain meeting can be scheduled, and the default zone is UTC", async ({ page }) => {
    await owner(page);
    await expect(page.getByLabel("Time zone")).toHaveValue("UTC");
    await page.getByLabel("Title").fill("No-JS planning");
    await page.getByLabel("Start").fill("2030-09-01T15:30");
    await page.getByRole("button", { name: "Schedule" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("No-JS planning");
    await expect(page.getByTestId("meeting-id")).toHaveText(/^\d{3} \d{4} \d{4}$/);
  });
});

test.describe("on a 360 px phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });
  test("the meetings pages have no axe violations and no sideways scrolling", async ({ page }) => {
    await owner(page);
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);
    await fillBasics(page, "Axe check");
    await page.getByRole("button", { name: "Schedule" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Axe check");
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);
    await page.goto("/meetings");
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);
  });
});
