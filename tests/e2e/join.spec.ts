import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createAccount, signIn, type Account } from "../support/accounts";
import { expectNoAxeViolations, expectNoSidewaysScroll } from "../support/axe";
import { roomOf } from "../support/db";
import { E2E_DATABASE_ENV } from "../support/env";
import { tryJoin } from "../support/join";
import { submit } from "../support/page";

/** A host signed in on /room, with its room's stored values. */
async function host(
  browser: Browser,
  settings?: { passcode?: string; joinBeforeHost?: boolean; waitingRoom?: boolean },
) {
  const account: Account = createAccount({ name: `Host ${Date.now().toString(36)}` });
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, account.email, account.password, "/room");
  if (settings) {
    if (settings.passcode !== undefined) await page.getByLabel("Passcode", { exact: true }).fill(settings.passcode);
    if (settings.joinBeforeHost !== undefined)
      await page.getByLabel("Join before host", { exact: true }).setChecked(settings.joinBeforeHost);
    if (settings.waitingRoom !== undefined)
      await page.getByLabel("Waiting room", { exact: true }).setChecked(settings.waitingRoom);
    await submit(page, /^Save settings/);
    await expect(page.getByText("Saved.")).toBeVisible();
  }
  return { account, page, room: await roomOf(account.email), close: () => context.close() };
}

async function guestJoins(page: Page, url: string, name: string, passcode: string) {
  await page.goto(url);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Passcode").fill(passcode);
  await page.getByRole("button", { name: "Join" }).click();
}

test("waiting room: the host sees the guest live, admits them, and the guest's page changes without a reload", async ({
  browser,
  page,
}) => {
  const h = await host(browser);
  await h.page.getByRole("button", { name: "Start meeting" }).click();
  await expect(h.page.getByText("Your meeting is in progress.")).toBeVisible();
  await guestJoins(
    page,
    `/j/${h.room.pmi.slice(0, 3)}-${h.room.pmi.slice(3, 6)}-${h.room.pmi.slice(6)}`,
    "Guest One",
    h.room.passcode!,
  );
  await expect(page.getByRole("heading", { name: "Waiting for the host to let you in" })).toBeVisible();

  const waiting = h.page.getByRole("list", { name: "Waiting room" });
  await expect(waiting).toContainText("Guest One");
  await waiting.getByRole("button", { name: "Admit Guest One" }).click();
  await expect(page.getByRole("heading", { name: `You're in ${h.account.name}'s meeting` })).toBeVisible();
  await expect(h.page.getByRole("list", { name: "In the meeting" })).toContainText("Guest One");
  await h.close();
});

test("a removed guest cannot rejoin from the same browser session", async ({ browser, page }) => {
  const h = await host(browser);
  await guestJoins(page, `/my/${h.room.link}`, "Unwanted", h.room.passcode!);
  await expect(page.getByRole("heading", { name: "Waiting for the host to let you in" })).toBeVisible();
  await h.page.getByRole("list", { name: "Waiting room" }).getByRole("button", { name: "Remove Unwanted" }).click();
  await expect(page.getByRole("heading", { name: "The host removed you from this meeting" })).toBeVisible();
  await page.goto(`/j/${h.room.pmi}`);
  await expect(page.getByRole("heading", { name: "The host removed you from this meeting" })).toBeVisible();
  const again = await page.request.post(`/my/${h.room.link}/join`, {
    form: { name: "Unwanted again", passcode: h.room.passcode! },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(await again.text()).toContain("The host removed you from this meeting");
  await h.close();
});

test("waiting room off, host away: guests wait for the host to start, then are in", async ({ browser, page }) => {
  const h = await host(browser, { waitingRoom: false });
  await guestJoins(page, `/j/${h.room.pmi}`, "Early Bird", h.room.passcode!);
  await expect(page.getByRole("heading", { name: "Waiting for the host to start this meeting" })).toBeVisible();
  await h.page.getByRole("button", { name: "Start meeting" }).click();
  await expect(page.getByRole("heading", { name: `You're in ${h.account.name}'s meeting` })).toBeVisible();
  await h.page.getByRole("button", { name: "End meeting" }).click();
  await expect(h.page.getByText("Your meeting has not started.")).toBeVisible();
  await h.close();
});

test("join before host: guests go straight in before the host arrives", async ({ browser, page }) => {
  const h = await host(browser, { waitingRoom: false, joinBeforeHost: true });
  await guestJoins(page, `/j/${h.room.pmi}`, "Punctual", h.room.passcode!);
  await expect(page.getByRole("heading", { name: `You're in ${h.account.name}'s meeting` })).toBeVisible();
  await h.close();
});

test("a locked meeting takes no new guests, even with the passcode", async ({ browser, page }) => {
  const h = await host(browser);
  await h.page.getByRole("button", { name: "Lock meeting" }).click();
  await expect(h.page.getByText("It is locked: nobody new can join.")).toBeVisible();
  await guestJoins(page, `/j/${h.room.pmi}`, "Latecomer", h.room.passcode!);
  await expect(page.getByText("The host has locked this meeting: nobody new can join.")).toBeVisible();
  await h.close();
});

test("an unknown ID and a wrong passcode get the same status, page and words", async ({
  browser,
  request,
  baseURL,
}) => {
  const h = await host(browser);
  const unknown = "2987654312";
  const send = (id: string) =>
    request.post(`/j/${id}/join`, {
      form: { name: "Same", passcode: "Wrong_1" },
      headers: { Origin: baseURL! },
      maxRedirects: 0,
    });
  const [a, b] = [await send(unknown), await send(h.room.pmi)];
  expect(a.status()).toBe(303);
  expect(b.status()).toBe(a.status());
  expect(a.headers()["location"]!.replace(unknown, "ID")).toBe(b.headers()["location"]!.replace(h.room.pmi, "ID"));
  const pageA = await request.get(a.headers()["location"]!);
  const pageB = await request.get(b.headers()["location"]!);
  expect(pageB.status()).toBe(pageA.status());
  const words = async (r: typeof pageA, id: string) =>
    (await r.text())
      .replaceAll(id, "ID")
      .replace(/<script[\s\S]*?<\/script>/g, "")
      .replace(/\s+/g, " ");
  const spacedUnknown = `${unknown.slice(0, 3)} ${unknown.slice(3, 6)} ${unknown.slice(6)}`;
  const spacedKnown = `${h.room.pmi.slice(0, 3)} ${h.room.pmi.slice(3, 6)} ${h.room.pmi.slice(6)}`;
  expect((await words(pageA, unknown)).replaceAll(spacedUnknown, "ID")).toBe(
    (await words(pageB, h.room.pmi)).replaceAll(spacedKnown, "ID"),
  );
  expect(await pageA.text()).toContain("Check the meeting ID and passcode.");
  await h.close();
});

test("past the limit the join answers 429 with Retry-After, and a restarted server still remembers", async ({
  request,
  baseURL,
}) => {
  const id = `2${Date.now().toString().slice(-9)}`;
  for (let i = 0; i < 5; i++) expect(await tryJoin(request, baseURL!, `/j/${id}`, `Guess_${i}`)).toBe("refused");
  const limited = await request.post(`/j/${id}/join`, {
    form: { name: "Guesser", passcode: "Guess_9" },
    headers: { Origin: baseURL! },
    maxRedirects: 0,
  });
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await limited.text()).toMatch(/Try again in \d+ minutes?/);

  // A second server process on the same database file (as after a restart) enforces the same limit.
  const port = 3290 + Math.floor(Math.random() * 9);
  const server = spawn(path.join(process.cwd(), "node_modules", ".bin", "next"), ["start", "-p", String(port)], {
    env: {
      ...process.env,
      PORT: String(port),
      ...E2E_DATABASE_ENV,
      AUTH_SECRET: "e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz",
      AUTH_TRUST_HOST: "true",
      JOIN_LIMIT_ID: "5",
      JOIN_LIMIT_CLIENT: "10000",
    },
    stdio: "ignore",
  });
  try {
    const other = `http://127.0.0.1:${port}`;
    await expect
      .poll(async () => (await fetch(`${other}/api/health`).catch(() => null))?.status, { timeout: 20_000 })
      .toBe(200);
    const again = await fetch(`${other}/j/${id}/join`, {
      method: "POST",
      body: new URLSearchParams({ name: "Guesser", passcode: "x" }),
      headers: { Origin: other },
      redirect: "manual",
    });
    expect(again.status).toBe(429);
  } finally {
    server.kill();
  }
});

test("a scheduled meeting's 11-digit ID and the invitation's ?pwd= lead in", async ({ browser, page }) => {
  const h = await host(browser);
  await h.page.goto("/meetings/new");
  await h.page.getByLabel("Title").fill("Join by ID");
  await h.page.getByLabel("Start").fill("2030-01-01T10:00");
  const passcode = await h.page.getByLabel("Passcode").inputValue();
  await h.page.getByRole("button", { name: "Schedule" }).click();
  const meetingId = (await h.page.getByTestId("meeting-id").textContent())!;
  await page.goto(`/j/${meetingId.replace(/ /g, "-")}?pwd=${encodeURIComponent(passcode)}`);
  await expect(page.getByText(`Meeting ID ${meetingId}`)).toBeVisible();
  await expect(page.getByLabel("Passcode")).toHaveValue(passcode);
  await page.getByLabel("Your name").fill("Scheduled Guest");
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page.getByRole("heading", { name: "Waiting for the host to let you in" })).toBeVisible();
  await expect(h.page.getByRole("list", { name: "Waiting room" })).toContainText("Scheduled Guest");
  await h.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("joining is a plain form and a reload shows the current state", async ({ browser, page }) => {
    const h = await host(browser);
    await guestJoins(page, `/j/${h.room.pmi}`, "No Script", h.room.passcode!);
    await expect(page.getByRole("heading", { name: "Waiting for the host to let you in" })).toBeVisible();
    await h.page.getByRole("button", { name: "Start meeting" }).click();
    await h.page.getByRole("list", { name: "Waiting room" }).getByRole("button", { name: "Admit No Script" }).click();
    await expect(h.page.getByRole("list", { name: "In the meeting" })).toContainText("No Script");
    await page.reload();
    await expect(page.getByRole("heading", { name: `You're in ${h.account.name}'s meeting` })).toBeVisible();
    await h.close();
  });
});

test.describe("on a 360 px phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });
  test("join pages have no axe violations and no sideways scrolling", async ({ page }) => {
    await page.goto("/j/4155550134?error=check&name=Sam");
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);
    await page.goto("/my/ada.lovelace");
    await expectNoAxeViolations(page);
  });
});

test("Secure my room ends the intrusion: the intruder is out, back at the join form, and gone from the host panel", async ({
  browser,
  page,
}) => {
  const h = await host(browser);
  await h.page.getByRole("button", { name: "Start meeting" }).click();
  await guestJoins(page, `/my/${h.room.link}`, "Intruder", h.room.passcode!);
  await h.page.getByRole("list", { name: "Waiting room" }).getByRole("button", { name: "Admit Intruder" }).click();
  await expect(page.getByRole("heading", { name: `You're in ${h.account.name}'s meeting` })).toBeVisible();

  await h.page.getByRole("button", { name: "Secure my room" }).click();
  await expect(h.page.getByText("the meeting in your room ends")).toBeVisible();
  await h.page.getByRole("button", { name: "Yes, secure my room" }).click();
  await expect(h.page.getByText("Your room is secured.")).toBeVisible();
  await expect(h.page.getByText("Your meeting has not started.")).toBeVisible();
  await expect(h.page.getByRole("list", { name: "In the meeting" })).toHaveCount(0);

  const secured = await roomOf(h.account.email);
  await page.goto(`/my/${secured.link}`);
  await expect(page.getByRole("heading", { name: "Join a meeting" })).toBeVisible();
  await page.goto(`/my/${h.room.link}`);
  await expect(page.getByRole("heading", { name: "Join a meeting" })).toBeVisible();
  await h.close();
});

test("the host can remove everyone waiting at once", async ({ browser, request, baseURL }) => {
  const h = await host(browser);
  for (const name of ["Flood One", "Flood Two", "Flood Three"]) {
    const guest = await browser.newContext();
    expect(await tryJoin(guest.request, baseURL!, `/j/${h.room.pmi}`, h.room.passcode!, name)).toBe("joined");
    await guest.close();
  }
  const waiting = h.page.getByRole("list", { name: "Waiting room" });
  await expect(waiting.getByRole("listitem")).toHaveCount(3);
  await h.page.getByRole("button", { name: "Remove everyone waiting" }).click();
  await expect(h.page.getByText("Nobody is waiting.")).toBeVisible();
  expect(await tryJoin(request, baseURL!, `/j/${h.room.pmi}`, h.room.passcode!, "Someone New")).toBe("joined");
  await expect(waiting).toContainText("Someone New");
  await h.close();
});

test("guest names are shown as typed, without direction overrides, and a blank one is refused", async ({
  browser,
  page,
}) => {
  const h = await host(browser);
  await guestJoins(page, `/j/${h.room.pmi}`, "\u200B\u200B\u200B", h.room.passcode!);
  await expect(page.getByText("Enter your name (up to 60 characters) so the host knows who is joining.")).toBeVisible();
  await page.getByLabel("Your name").fill("\u202Etsoh\u202C (guest)");
  await page.getByLabel("Passcode").fill(h.room.passcode!);
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page.getByRole("heading", { name: "Waiting for the host to let you in" })).toBeVisible();
  const waiting = h.page.getByRole("list", { name: "Waiting room" });
  await expect(waiting).toContainText("tsoh (guest)");
  expect(await waiting.textContent()).not.toContain("\u202E");
  await h.close();
});
