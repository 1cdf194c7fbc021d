import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createAccount, DEMO_PASSWORD, signIn } from "../support/accounts";
import { formMessage, submit } from "../support/page";

test.describe("sign-in", () => {
  test("a signed-out visit to a protected page goes to sign-in and comes back after", async ({ page }) => {
    await page.goto("/room");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Froom$/);
    await page.getByLabel("Email").fill("ada@example.edu");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/room$/);
    await expect(page.getByRole("heading", { name: "My room" })).toBeVisible();
    await expect(page.getByTestId("pmi")).toHaveText(/^[2-9]\d{2} \d{3} \d{4}$/);
    await expect(page.getByTestId("link")).toContainText("ada.lovelace");
  });

  test("a wrong password is refused with the message, keeps the email and starts no session", async ({
    page,
    context,
  }) => {
    await page.goto("/signin");
    await page.getByLabel("Email").fill("grace@example.edu");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(formMessage(page)).toHaveText("Email or password is incorrect.");
    await expect(page.getByLabel("Email")).toHaveValue("grace@example.edu");
    expect((await context.cookies()).some((c) => c.name.includes("session-token"))).toBe(false);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("an unknown email gets the same answer as a wrong password", async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("Email").fill("nobody-here@example.edu");
    await page.getByLabel("Password").fill("whatever-it-is");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(formMessage(page)).toHaveText("Email or password is incorrect.");
  });

  test("a callbackUrl to another site is ignored", async ({ page }) => {
    await page.goto("/signin?callbackUrl=https%3A%2F%2Fevil.example%2F");
    await page.getByLabel("Email").fill("grace@example.edu");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/room$/);
  });

  // Characters outside Latin-1 cannot go into a Location header: such a callback is refused like a foreign one.
  for (const [what, callbackUrl] of [
    ["an ideographic space", "%2F%E3%80%80"],
    ["full-width solidi", "%EF%BC%8F%EF%BC%8Fevil.example"],
    ["a slash then full-width solidi", "%2F%EF%BC%8F%EF%BC%8Fevil.example"],
    ["a line separator", "%2F%E2%80%A8"],
  ]) {
    test(`a callbackUrl holding ${what} leads to /room, signed out and signed in`, async ({ page }) => {
      const answers: number[] = [];
      page.on("response", (r) => answers.push(r.status()));
      const form = await page.goto(`/signin?callbackUrl=${callbackUrl}`);
      expect(form?.status()).toBe(200);
      await page.getByLabel("Email").fill("grace@example.edu");
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/room$/);
      await expect(page.getByRole("heading", { name: "My room" })).toBeVisible();
      // Signed in, the sign-in page sends the visitor on to the same safe place.
      await page.goto(`/signin?callbackUrl=${callbackUrl}`);
      await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/room$/);
      expect(answers.filter((status) => status >= 500)).toEqual([]);
    });
  }

  test("sign-out ends the session", async ({ page }) => {
    await signIn(page, "grace@example.edu", DEMO_PASSWORD, "/account");
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/$/);
    await page.goto("/room");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Froom$/);
  });
});

test.describe("sign-in without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("works as a plain form, and shows the error on a plain page", async ({ page }) => {
    await page.goto("/signin?callbackUrl=%2Faccount");
    await page.getByLabel("Email").fill("grace@example.edu");
    await page.getByLabel("Password").fill("wrong-password!");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue("grace@example.edu");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByText("Signed in as Grace Hopper")).toBeVisible();
  });
});

test.describe("account", () => {
  test("changing the password: the current one is required, the new one works, the old one no longer does", async ({
    page,
  }) => {
    const account = createAccount();
    await signIn(page, account.email, account.password, "/account");
    const newPassword = "a brand new passphrase";

    await page.getByLabel("Current password").fill("not my password at all");
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Confirm new password").fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("That is not your current password.")).toBeVisible();
    await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Current password").fill(account.password);
    await page.getByLabel("New password", { exact: true }).fill("too short");
    await page.getByLabel("Confirm new password").fill("too short");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Use at least 12 characters.")).toBeVisible();

    await page.getByLabel("Current password").fill(account.password);
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Confirm new password").fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(formMessage(page)).toContainText("Password changed");

    // Still signed in here.
    await page.goto("/room");
    await expect(page.getByRole("heading", { name: "My room" })).toBeVisible();
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/$/);

    await page.goto("/signin");
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(formMessage(page)).toHaveText("Email or password is incorrect.");
    await page.getByLabel("Password").fill(newPassword);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/room$/);
  });
});

/** One sign-in through the form on the current page, waiting for the server's answer. */
async function attempt(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await submit(page, "Sign in");
}

/**
 * As many wrong passwords as the per-account limit allows (8 here), each from another address, sent the way a
 * script would: straight to next-auth's credentials endpoint, which answers with a redirect naming the error.
 */
async function sprayFromManyAddresses(request: APIRequestContext, email: string, network: string) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  for (let i = 0; i < 8; i++) {
    const res = await request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password: "spray attempt password", callbackUrl: "/room" },
      headers: { "X-Forwarded-For": `${network}.${i + 10}` },
      maxRedirects: 0,
    });
    expect(res.headers()["location"]).toMatch(/[?&]code=invalid(&|$)/);
  }
}

test.describe("sign-in limits", () => {
  test("past the limit even the right password waits, while the owner on another address still gets in", async ({
    browser,
  }) => {
    const account = createAccount();
    const attacker = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.9" } });
    const page = await attacker.newPage();
    await page.goto("/signin");
    for (let i = 0; i < 5; i++) {
      await attempt(page, account.email, `wrong guess number ${i}`);
      await expect(formMessage(page)).toHaveText("Email or password is incorrect.");
      await expect(page.getByLabel("Password")).toHaveValue("");
    }
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(formMessage(page)).toHaveText(/^Too many failed sign-ins\. Try again in \d+ (minutes?|seconds?)\.$/);
    await expect(page).toHaveURL(/\/signin/);

    const owner = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.7" } });
    const ownerPage = await owner.newPage();
    await signIn(ownerPage, account.email, account.password, "/room");
    await attacker.close();
    await owner.close();
  });

  test("failures spread over many addresses still hit the per-account limit", async ({ page, request }) => {
    const account = createAccount();
    await sprayFromManyAddresses(request, account.email, "192.0.2");
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": "192.0.2.99" });
    await page.goto("/signin");
    await attempt(page, account.email, account.password);
    await expect(formMessage(page)).toContainText("Too many failed sign-ins");
  });

  for (const [scheme, name, secure] of [
    ["http", "roomdesk-device", false],
    ["https", "__Host-roomdesk-device", true],
  ] as const) {
    test(`a sign-in over ${scheme} leaves an HttpOnly, SameSite=Lax device cookie, Secure under HTTPS, that does not show the email`, async ({
      request,
    }) => {
      const headers = { "X-Forwarded-Proto": scheme };
      const { csrfToken } = (await (await request.get("/api/auth/csrf", { headers })).json()) as { csrfToken: string };
      const res = await request.post("/api/auth/callback/credentials", {
        headers,
        form: { csrfToken, email: "ada@example.edu", password: DEMO_PASSWORD, callbackUrl: "/room" },
        maxRedirects: 0,
      });
      const setCookie = res
        .headersArray()
        .filter((h) => h.name.toLowerCase() === "set-cookie")
        .map((h) => h.value);
      const device = setCookie.find((c) => c.startsWith(`${name}=`));
      expect(device, setCookie.join("\n")).toMatch(/;\s*HttpOnly/i);
      expect(device).toMatch(/;\s*SameSite=Lax/i);
      expect(device).toMatch(/;\s*Path=\//i);
      expect(device).toMatch(/;\s*Max-Age=31536000/i);
      expect(/;\s*Secure/i.test(device!)).toBe(secure);
      expect(device).not.toContain("ada");
    });
  }

  test("strangers using up the per-account limit do not lock out a browser that signed in before", async ({
    browser,
    request,
  }) => {
    const account = createAccount();
    const home = { "X-Forwarded-For": "198.51.100.20" };
    const owner = await browser.newContext({ extraHTTPHeaders: home });
    const ownerPage = await owner.newPage();
    await signIn(ownerPage, account.email, account.password, "/account");
    await ownerPage.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(ownerPage).toHaveURL(/\/$/);

    await sprayFromManyAddresses(request, account.email, "203.0.113");

    // A browser that never signed in to this account waits, even on the owner's own address...
    const newBrowser = await browser.newContext({ extraHTTPHeaders: home });
    const newPage = await newBrowser.newPage();
    await newPage.goto("/signin");
    await attempt(newPage, account.email, account.password);
    await expect(formMessage(newPage)).toContainText("Too many failed sign-ins");
    // ...while the owner's browser, which carries its device cookie, gets in.
    await signIn(ownerPage, account.email, account.password, "/room");
    await owner.close();
    await newBrowser.close();
  });
});
