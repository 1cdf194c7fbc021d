import { expect, test, type Page } from "@playwright/test";
import { generatePmi } from "../../lib/validation/generate";
import { ruleById, type RuleId } from "../../lib/validation/rules";
import { createAccount, signIn, type Account } from "../support/accounts";
import { expectNoAxeViolations, expectNoSidewaysScroll } from "../support/axe";
import { roomOf } from "../support/db";
import { tryJoin } from "../support/join";
import { formMessage, submit } from "../support/page";

const spaced = (pmi: string) => `${pmi.slice(0, 3)} ${pmi.slice(3, 6)} ${pmi.slice(6)}`;

async function ownerOnRoom(page: Page): Promise<Account> {
  const account = createAccount();
  await signIn(page, account.email, account.password, "/room");
  return account;
}

async function expectRefused(page: Page, label: string, rule: RuleId) {
  const field = page.getByLabel(label, { exact: true });
  const { message, help } = ruleById(rule);
  const error = page.getByText(message);
  await expect(error).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  const errorId = await error.getAttribute("id");
  expect((await field.getAttribute("aria-describedby"))?.split(" ")).toContain(errorId);
  await expect(error.getByRole("link")).toHaveAttribute("href", help);
}

/** The typed value stays in the field (an absurdly long one comes back cut to its first 500 characters). */
async function expectKept(page: Page, label: string, value: string) {
  await expect(page.getByLabel(label, { exact: true })).toHaveValue(value.slice(0, 500));
}

test.describe("Personal Meeting ID and link", () => {
  const pmiCases: [string, RuleId][] = [
    ["415 555 013", "pmi-length"],
    ["415-555-O134", "pmi-characters"],
    ["1415550134", "pmi-first-digit"],
    ["(800) 555-0134", "pmi-reserved-prefix"],
    ["247 247 2471", "pmi-repeated-groups"],
    ["222 444 7771", "pmi-repeated-digit-groups"],
    ["422 222 1234", "pmi-digit-run"],
    ["2222122221", "pmi-digit-count"],
    ["345 678 9012", "pmi-sequence"],
    ["321 098 7654", "pmi-sequence"],
    ["4".repeat(20_000), "pmi-length"],
  ];
  const linkCases: [string, RuleId][] = [
    ["ada", "link-length"],
    ["ada_lovelace", "link-characters"],
    ["1ada.lovelace", "link-start"],
    ["ada..lovelace", "link-dots"],
    ["ada.lovelace.", "link-dots"],
    ["Support", "link-reserved"],
    ["a".repeat(20_000), "link-length"],
  ];

  test("every PMI and link rule is refused next to its field, with its help link, keeping the value and storing nothing", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const account = await ownerOnRoom(page);
    const before = await roomOf(account.email);
    for (const [value, rule] of pmiCases) {
      await page.getByLabel("Personal Meeting ID").fill(value);
      await submit(page, /^Save ID/);
      await expectRefused(page, "Personal Meeting ID", rule);
      await expectKept(page, "Personal Meeting ID", value);
    }
    await page.getByLabel("Personal Meeting ID").fill(spaced(before.pmi));
    for (const [value, rule] of linkCases) {
      await page.getByLabel("Personal link").fill(value);
      await submit(page, /^Save ID/);
      await expectRefused(page, "Personal link", rule);
      await expectKept(page, "Personal link", value);
    }
    expect(await roomOf(account.email)).toEqual(before);
  });

  test("the rules give live feedback while typing", async ({ page }) => {
    await ownerOnRoom(page);
    await page.getByLabel("Personal Meeting ID").fill("800");
    await expect(page.getByText(ruleById("pmi-length").message)).toBeVisible();
    await page.getByLabel("Personal Meeting ID").fill("800 555 0134");
    await expect(page.getByText(ruleById("pmi-reserved-prefix").message)).toBeVisible();
    await expect(page.getByText("Invitations you already sent stop working.")).toBeVisible();
  });

  test("a phone-style PMI and a new link are saved together; the old ones stop resolving at once", async ({
    page,
    request,
    baseURL,
  }) => {
    const account = await ownerOnRoom(page);
    const before = await roomOf(account.email);
    const pmi = generatePmi();
    const link = `Room.${Date.now().toString(36)}`;
    await page.getByLabel("Personal Meeting ID").fill(`(${pmi.slice(0, 3)}) ${pmi.slice(3, 6)}-${pmi.slice(6)}`);
    await page.getByLabel("Personal link").fill(link);
    await submit(page, /^Save ID/);
    await expect(formMessage(page)).toContainText("Saved");
    await expect(page.getByTestId("pmi")).toHaveText(spaced(pmi));
    await expect(page.getByTestId("link")).toHaveText(new RegExp(`/my/${link.toLowerCase()}$`));
    expect(await roomOf(account.email)).toMatchObject({ pmi, link: link.toLowerCase() });

    // The old ones answer like any unknown ID; the new ones (the link in any case) lead to the room.
    expect(await tryJoin(request, baseURL!, `/j/${before.pmi}`, before.passcode!)).toBe("refused");
    expect(await tryJoin(request, baseURL!, `/my/${before.link}`, before.passcode!)).toBe("refused");
    expect(await tryJoin(request, baseURL!, `/j/${pmi}`, before.passcode!)).toBe("joined");
    expect(await tryJoin(request, baseURL!, `/my/${link.toUpperCase()}`, before.passcode!)).toBe("joined");

    await expect(page.getByRole("region", { name: "Recent changes" })).toContainText(
      `Personal Meeting ID: ${spaced(before.pmi)} → ${spaced(pmi)}`,
    );
    await expect(page.getByRole("region", { name: "Recent changes" })).toContainText("by you");
  });

  test("another owner's PMI and link (in any case) are taken; a released PMI is held for its owner only", async ({
    page,
    browser,
  }) => {
    const ada = await ownerOnRoom(page);
    const adaRoom = await roomOf(ada.email);
    const grace = createAccount();
    const graceContext = await browser.newContext();
    const gracePage = await graceContext.newPage();
    await signIn(gracePage, grace.email, grace.password, "/room");
    const graceBefore = await roomOf(grace.email);

    await gracePage.getByLabel("Personal Meeting ID").fill(adaRoom.pmi);
    await submit(gracePage, /^Save ID/);
    await expectRefused(gracePage, "Personal Meeting ID", "pmi-in-use");
    await gracePage.getByLabel("Personal Meeting ID").fill(spaced(graceBefore.pmi));
    await gracePage.getByLabel("Personal link").fill(adaRoom.link.toUpperCase());
    await submit(gracePage, /^Save ID/);
    await expectRefused(gracePage, "Personal link", "link-in-use");
    expect(await roomOf(grace.email)).toEqual(graceBefore);

    // Ada moves to a new PMI: her old one is on hold, so Grace still cannot take it, but Ada can take it back.
    const next = generatePmi();
    await page.getByLabel("Personal Meeting ID").fill(next);
    await submit(page, /^Save ID/);
    await expect(page.getByTestId("pmi")).toHaveText(spaced(next));
    await gracePage.getByLabel("Personal Meeting ID").fill(adaRoom.pmi);
    await gracePage.getByLabel("Personal link").fill(graceBefore.link);
    await submit(gracePage, /^Save ID/);
    await expectRefused(gracePage, "Personal Meeting ID", "pmi-in-use");
    await page.getByLabel("Personal Meeting ID").fill(adaRoom.pmi);
    await submit(page, /^Save ID/);
    await expect(page.getByTestId("pmi")).toHaveText(spaced(adaRoom.pmi));
    await graceContext.close();
  });

  test("two owners claiming one free PMI at the same moment: exactly one wins", async ({ browser }) => {
    const pmi = generatePmi();
    const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
    const pages = await Promise.all(contexts.map((c) => c.newPage()));
    const accounts = [createAccount(), createAccount()];
    await Promise.all(pages.map((p, i) => signIn(p, accounts[i]!.email, accounts[i]!.password, "/room")));
    await Promise.all(pages.map((p) => p.getByLabel("Personal Meeting ID").fill(pmi)));
    await Promise.all(pages.map((p) => p.getByRole("button", { name: /^Save ID/ }).click()));
    await Promise.all(pages.map((p) => expect(formMessage(p).first()).toBeVisible()));
    const outcomes = await Promise.all(pages.map((p) => formMessage(p).first().textContent()));
    expect(outcomes.filter((o) => o?.startsWith("Saved"))).toHaveLength(1);
    expect(outcomes.filter((o) => o?.startsWith("Nothing was changed"))).toHaveLength(1);
    const holders = (await Promise.all(accounts.map((a) => roomOf(a.email)))).filter((r) => r.pmi === pmi);
    expect(holders).toHaveLength(1);
    await Promise.all(contexts.map((c) => c.close()));
  });
});

test.describe("passcode and settings", () => {
  test("weak passcodes and the dependent-settings rules are refused without storing anything", async ({ page }) => {
    const account = await ownerOnRoom(page);
    const before = await roomOf(account.email);
    const passcode = page.getByLabel("Passcode", { exact: true });
    await expect(passcode).toHaveAttribute("autocomplete", "off");
    await expect(passcode).toHaveAttribute("type", "text");
    await expect(passcode).toHaveValue(before.passcode!);

    for (const [value, rule] of [
      ["123456", "passcode-sequence"],
      ["aaaaaa", "passcode-repeated"],
      ["abc", "passcode-length"],
      ["pass word", "passcode-characters"],
      ["fedcba", "passcode-sequence"],
    ] as const) {
      await passcode.fill(value);
      await submit(page, /^Save settings/);
      await expectRefused(page, "Passcode", rule);
    }

    await passcode.fill("");
    await page.getByLabel("Join before host", { exact: true }).check();
    await submit(page, /^Save settings/);
    await expectRefused(page, "Join before host", "jbh-needs-passcode");

    await page.getByLabel("Join before host", { exact: true }).uncheck();
    await page.getByLabel("Waiting room", { exact: true }).uncheck();
    await passcode.fill("");
    await submit(page, /^Save settings/);
    await expectRefused(page, "Passcode", "passcode-or-waiting-room");
    expect(await roomOf(account.email)).toEqual(before);
  });

  test("a valid change is saved; with both boxes ticked the form says guests still wait", async ({ page }) => {
    const account = await ownerOnRoom(page);
    await page.getByLabel("Passcode", { exact: true }).fill("Tr1cky-Pass");
    await submit(page, /^Save settings/);
    await expectRefused(page, "Passcode", "passcode-length");
    await page.getByLabel("Passcode", { exact: true }).fill("Tr1cky_P*");
    await page.getByLabel("Join before host", { exact: true }).check();
    await expect(page.getByText("guests always wait for you to admit them")).toBeVisible();
    await submit(page, /^Save settings/);
    await expect(formMessage(page)).toHaveText("Saved.");
    expect(await roomOf(account.email)).toMatchObject({
      passcode: "Tr1cky_P*",
      joinBeforeHost: true,
      waitingRoom: true,
    });
    const history = page.getByRole("region", { name: "Recent changes" });
    await expect(history).toContainText("Passcode changed");
    await expect(history).not.toContainText("Tr1cky_P*");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("both forms post to the server and render the result or the errors", async ({ page }) => {
    const account = await ownerOnRoom(page);
    await page.getByLabel("Personal Meeting ID").fill("800 555 0134");
    await submit(page, /^Save ID/);
    await expectRefused(page, "Personal Meeting ID", "pmi-reserved-prefix");
    await expect(page.getByLabel("Personal Meeting ID")).toHaveValue("800 555 0134");

    const pmi = generatePmi();
    await page.getByLabel("Personal Meeting ID").fill(pmi);
    await submit(page, /^Save ID/);
    await expect(page.getByTestId("pmi")).toHaveText(spaced(pmi));

    await page.getByLabel("Waiting room", { exact: true }).uncheck();
    await page.getByLabel("Passcode", { exact: true }).fill("");
    await submit(page, /^Save settings/);
    await expectRefused(page, "Passcode", "passcode-or-waiting-room");
    await page.getByLabel("Passcode", { exact: true }).fill("No-JS_ok1");
    await submit(page, /^Save settings/);
    await expect(page.getByText("Saved.")).toBeVisible();
    expect(await roomOf(account.email)).toMatchObject({ pmi, passcode: "No-JS_ok1", waitingRoom: false });
  });

  test("Secure my room asks on a second page, then replaces ID, link and passcode", async ({
    page,
    request,
    baseURL,
  }) => {
    const account = await ownerOnRoom(page);
    const before = await roomOf(account.email);
    await page.getByRole("button", { name: "Secure my room" }).click();
    await expect(page).toHaveURL(/\/room\/secure/);
    await page.getByRole("button", { name: "Yes, secure my room" }).click();
    await expect(page).toHaveURL(/\/room\?secured=1$/);
    const after = await roomOf(account.email);
    expect(after.pmi).not.toBe(before.pmi);
    expect(after.link.startsWith(`${before.link}.`)).toBe(true);
    expect(after.passcode).not.toBe(before.passcode);
    expect(await tryJoin(request, baseURL!, `/j/${before.pmi}`, before.passcode!)).toBe("refused");
  });
});

test("Secure my room confirms inline and shows the new values; the old ones stop resolving", async ({
  page,
  request,
  baseURL,
}) => {
  const account = await ownerOnRoom(page);
  const before = await roomOf(account.email);
  await page.getByLabel("Join before host", { exact: true }).check();
  await submit(page, /^Save settings/);
  await expect(formMessage(page)).toHaveText("Saved.");
  await page.getByRole("button", { name: "Secure my room" }).click();
  await page.getByRole("button", { name: "Yes, secure my room" }).click();
  await expect(page.getByText("Your room is secured.")).toBeVisible();
  const after = await roomOf(account.email);
  expect(after).toMatchObject({ waitingRoom: true, joinBeforeHost: false });
  expect(after.link).toMatch(new RegExp(`^${before.link.replace(/\./g, "\\.")}\\.[a-z]{6}$`));
  await expect(page.getByTestId("pmi")).toHaveText(spaced(after.pmi));
  await expect(page.getByLabel("Passcode", { exact: true })).toHaveValue(after.passcode!);
  expect(await tryJoin(request, baseURL!, `/j/${before.pmi}`, before.passcode!)).toBe("refused");
  expect(await tryJoin(request, baseURL!, `/my/${before.link}`, before.passcode!)).toBe("refused");
  expect(await tryJoin(request, baseURL!, `/j/${after.pmi}`, after.passcode!)).toBe("joined");
  await expect(page.getByRole("region", { name: "Recent changes" })).toContainText("Room secured by you");
});

test.describe("invitation", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });
  test("Copy invitation copies the join link, the PMI and the passcode", async ({ page, baseURL }) => {
    const account = await ownerOnRoom(page);
    const room = await roomOf(account.email);
    await page.getByRole("button", { name: "Copy invitation" }).click();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toContain(`${baseURL}/my/${room.link}`);
    expect(text).toContain(`Meeting ID: ${spaced(room.pmi)}`);
    expect(text).toContain(`Passcode: ${room.passcode}`);
  });
});

test.describe("/room on a phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });
  test("has no axe violations and no sideways scrolling, nor does the confirmation page", async ({ page }) => {
    await ownerOnRoom(page);
    await page.getByLabel("Personal Meeting ID").fill("800 555 0134");
    await submit(page, /^Save ID/);
    await expect(page.getByText(ruleById("pmi-reserved-prefix").message)).toBeVisible();
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page);
    await page.goto("/room/secure");
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page);
  });
});

test("a replayed room action changes nothing with a forged Origin, with no Origin, or with no session", async ({
  page,
  playwright,
  baseURL,
}) => {
  const account = await ownerOnRoom(page);
  const captured = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await page.getByLabel("Passcode", { exact: true }).fill("Replay_1");
  await submit(page, /^Save settings/);
  const request = await captured;
  const saved = await roomOf(account.email);
  expect(saved.passcode).toBe("Replay_1");

  const body = request.postDataBuffer()!.toString().replace("Replay_1", "Hijack_2");
  const headers = await request.allHeaders();
  const send = async (overrides: Record<string, string | undefined>, withCookies = true) => {
    const context = await playwright.request.newContext({ baseURL });
    const h: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...headers, ...overrides })) {
      if (v !== undefined && !k.startsWith(":") && k !== "content-length" && (withCookies || k !== "cookie")) h[k] = v;
    }
    const res = await context.post(request.url(), { headers: h, data: body, maxRedirects: 0 });
    const result = { status: res.status(), text: await res.text() };
    await context.dispose();
    return result;
  };

  await send({ origin: "https://evil.example" });
  expect(await roomOf(account.email)).toEqual(saved);
  const noOrigin = await send({ origin: undefined });
  expect(noOrigin.text).toContain("did not come from a Roomdesk page");
  expect(await roomOf(account.email)).toEqual(saved);
  await send({}, false);
  expect(await roomOf(account.email)).toEqual(saved);

  // The same request, untouched, does work: the refusals above are the checks, not a broken replay.
  const genuine = await send({});
  expect(genuine.status).toBe(200);
  expect((await roomOf(account.email)).passcode).toBe("Hijack_2");
});

test("asking about taken IDs and links is limited per account, with a clear message, and changes nothing", async ({
  page,
}) => {
  const owner = await ownerOnRoom(page);
  const before = await roomOf(owner.email);
  const taken = await roomOf("ada@example.edu");
  // The server runs with ROOM_CLAIM_LIMIT=4 (playwright.config.ts).
  for (let i = 0; i < 4; i++) {
    await page.getByLabel("Personal Meeting ID").fill(taken.pmi);
    await submit(page, /^Save ID/);
    await expectRefused(page, "Personal Meeting ID", "pmi-in-use");
  }
  await page.getByLabel("Personal Meeting ID").fill(generatePmi());
  await submit(page, /^Save ID/);
  await expect(formMessage(page)).toContainText(
    /Too many tries with IDs or links that are taken\. Nothing was changed\. Try again in \d+ minutes?\./,
  );
  expect(await roomOf(owner.email)).toEqual(before);
});
