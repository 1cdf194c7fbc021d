import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { E2E_DATABASE_ENV } from "./env";

export const DEMO_PASSWORD = "roomdesk-demo";

export type Account = { email: string; name: string; password: string };

/** A fresh account made the way an operator makes one (`npm run user:add`), in the server's database. */
export function createAccount(options: { name?: string; role?: "owner" | "support" } = {}): Account {
  const id = randomBytes(4).toString("hex");
  const account = {
    email: `user-${id}@example.test`,
    name: options.name ?? `Test User ${id}`,
    password: `test-password-${id}`,
  };
  execFileSync(
    path.join(process.cwd(), "node_modules", ".bin", "tsx"),
    [
      "--conditions=react-server",
      "scripts/user-add.ts",
      "--email",
      account.email,
      "--name",
      account.name,
      "--role",
      options.role ?? "owner",
    ],
    { env: { ...process.env, ...E2E_DATABASE_ENV, ROOMDESK_PASSWORD: account.password }, stdio: "pipe" },
  );
  return account;
}

export async function signIn(page: Page, email: string, password: string, target = "/room") {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(target)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${target.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
}

/** Changes the signed-in account's password on /account, and waits until the page says it is changed. */
export async function changePassword(page: Page, current: string, next: string) {
  await page.goto("/account");
  await page.getByLabel("Current password").fill(current);
  await page.getByLabel("New password", { exact: true }).fill(next);
  await page.getByLabel("Confirm new password").fill(next);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText(/Password changed\./)).toBeVisible();
}
