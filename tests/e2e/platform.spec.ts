import { expect, test } from "@playwright/test";
import { createAccount, DEMO_PASSWORD, signIn } from "../support/accounts";
import { E2E_BASE_URL, E2E_ENGINE, canonicalFor } from "../support/env";
import { actionId, rawPost } from "../support/raw-request";

test("/api/health answers ok when the database does, and names the engine that answered", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ ok: true, engine: E2E_ENGINE });
});

test("the site has a favicon, and help pages name their canonical address in full", async ({ request, page }) => {
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/");
  await page.goto("/help/pmi-vs-regular-meetings");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
    "href",
    canonicalFor("/help/pmi-vs-regular-meetings"),
  );
});

function expectSecurityHeaders(headers: Record<string, string | string[] | undefined>) {
  const csp = String(headers["content-security-policy"] ?? "");
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) {
    expect(csp).toContain(directive);
  }
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["x-powered-by"]).toBeUndefined();
}

for (const path of ["/", "/signin", "/api/health"]) {
  test(`security headers on ${path}`, async ({ request }) => {
    expectSecurityHeaders((await request.get(path)).headers());
  });
}

test("the session cookie is HttpOnly and SameSite=Lax over HTTP", async ({ page, context }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("ada@example.edu");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/room$/);
  const cookie = (await context.cookies()).find((c) => c.name === "authjs.session-token");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
});

test("under HTTPS the session cookie is also Secure", async ({ request }) => {
  const https = { "X-Forwarded-Proto": "https" };
  const csrf = await (await request.get("/api/auth/csrf", { headers: https })).json();
  const res = await request.post("/api/auth/callback/credentials", {
    headers: https,
    form: { csrfToken: csrf.csrfToken, email: "grace@example.edu", password: DEMO_PASSWORD, callbackUrl: "/room" },
    maxRedirects: 0,
  });
  const setCookie = res
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => h.value);
  const session = setCookie.find((c) => c.startsWith("__Secure-authjs.session-token="));
  expect(session, setCookie.join("\n")).toBeDefined();
  expect(session).toMatch(/;\s*Secure/i);
  expect(session).toMatch(/;\s*HttpOnly/i);
  expect(session).toMatch(/;\s*SameSite=Lax/i);
});

test("reading a page never re-issues the session cookie, so a late response cannot undo Sign out", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("ada@example.edu");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/room$/);
  for (const path of ["/room", "/meetings", "/account", "/room?_rsc=prefetch"]) {
    const res = await page.request.get(path, {
      headers: path.includes("_rsc") ? { RSC: "1", "Next-Router-Prefetch": "1" } : {},
    });
    expect(res.status(), path).toBe(200);
    const cookies = res
      .headersArray()
      .filter((h) => h.name.toLowerCase() === "set-cookie" && h.value.includes("session-token"));
    expect(cookies, path).toEqual([]);
  }
});

test("help pages may be cached for minutes by a shared cache; signed-in and join pages never", async ({ request }) => {
  for (const path of ["/help", "/help/waiting-room", "/help/faq/how-can-i-edit-my-pmi-passcode"]) {
    expect((await request.get(path)).headers()["cache-control"], path).toMatch(/s-maxage=300\b/);
  }
  for (const path of ["/help/search?q=passcode", "/j/4155550134", "/signin"]) {
    expect((await request.get(path)).headers()["cache-control"], path).toMatch(/private|no-store/);
  }
});

test.describe("requests that are not what a form sends", () => {
  const MB = 1024 * 1024;
  // A fresh unknown meeting ID per post, so the per-ID join limit never answers instead.
  const joinPath = () => `/j/9${String(Math.floor(Math.random() * 1e10)).padStart(10, "0")}/join`;
  const action = (name: string, extra: Record<string, string> = {}) => ({
    Origin: E2E_BASE_URL,
    "Next-Action": actionId(name),
    ...extra,
  });
  const asText = { "Content-Type": "text/plain;charset=UTF-8" };

  test("an address that cannot be percent-decoded answers 400 with the security headers", async ({ request }) => {
    for (const path of ["/help/%FF", "/my/%C0", "/j/%E0%A4%A", "/room/%FF"]) {
      const res = await request.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBe(400);
      expectSecurityHeaders(res.headers());
    }
    expect((await request.get("/help/waiting-room")).status()).toBe(200);
  });

  test("a form that declares more than 64 KB is refused with 413 before any of it is sent", async () => {
    // Only the headers go out: the answer must not wait for the body. (Sending more would race the
    // server's close against the client's writes, a reset that can swallow the answer on the wire.)
    const res = await rawPost(joinPath(), { declare: 600 * MB, send: 0 });
    expect(res.status).toBe(413);
    expect(res.body).toContain("64 KB");
    expectSecurityHeaders(res.headers);
  });

  test("a chunked form is refused with 413 once it passes 64 KB", async () => {
    const res = await rawPost(joinPath(), { send: 20 * MB });
    expect(res.status).toBe(413);
    expectSecurityHeaders(res.headers);
  });

  test("a form of exactly 64 KB still goes through, chunked or not; one byte more does not", async () => {
    const form = "name=Sam&passcode=&pad=";
    for (const chunked of [false, true]) {
      const size = (send: number) => ({ form, send, declare: chunked ? undefined : send });
      const atCap = await rawPost(joinPath(), size(64 * 1024));
      expect(atCap.status, `chunked: ${chunked}`).toBe(303);
      expect(atCap.headers.location, `chunked: ${chunked}`).toContain("name=Sam");
      // A declared length over the cap is refused on the headers alone, so nothing of it is sent.
      const over = chunked ? size(64 * 1024 + 1) : { send: 0, declare: 64 * 1024 + 1 };
      expect((await rawPost(joinPath(), over)).status, `chunked: ${chunked}`).toBe(413);
    }
  });

  test("a server action sent more than 64 KB answers 413, not 500", async ({ request }) => {
    const res = await request.post("/signin", {
      headers: action("signInAction", asText),
      data: `[{},"${"a".repeat(100_000)}"]`,
    });
    expect(res.status()).toBe(413);
    expect((await rawPost("/signin", { send: 2 * MB, headers: action("signInAction", asText) })).status).toBe(413);
  });

  const notForms = [
    [
      "a plain object",
      { data: '[{},{"email":"ada@example.edu","page":"/help/waiting-room","helpful":"yes"}]', extra: asText },
    ],
    ["no arguments (0=[])", { multipart: { "0": "[]" }, extra: {} }],
  ] as const;
  for (const [what, { extra, ...body }] of notForms) {
    test(`sign-in and "Was this helpful?" called with ${what} answer "Nothing was changed."`, async ({ request }) => {
      for (const [path, name] of [
        ["/signin", "signInAction"],
        ["/help/waiting-room", "voteOnPage"],
      ] as const) {
        const res = await request.post(path, { headers: action(name, extra), ...body });
        expect(res.status(), name).toBe(200);
        expect(await res.text(), name).toContain("Nothing was changed.");
      }
    });
  }

  test("a signed-in action called with a plain object instead of a form changes nothing", async ({ page }) => {
    const account = createAccount();
    await signIn(page, account.email, account.password, "/room");
    const data = '[{},{"waitingRoom":"off","joinBeforeHost":"on"}]';
    const res = await page.request.post("/room", { headers: action("updateRoomSettings", asText), data });
    expect(res.status()).toBe(200);
    expect(await res.text()).toContain("Nothing was changed.");
  });
});
