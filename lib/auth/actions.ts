"use server";
import "server-only";
import { AuthError } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/db";
import { readSessionToken } from "@/lib/auth/session-cookie";
import { sessionIdToken } from "@/lib/auth/sessions";
import { ssoSettings } from "@/lib/auth/sso";
import { endSessionUrl } from "@/lib/auth/sso-provider";
import { authSecret } from "@/lib/server/env";
import { siteOrigin } from "@/lib/server/site";
import { SignInLimited, signIn, signOut } from "@/lib/auth";
import { waitInWords } from "@/lib/server/rate-limit";
import { safeCallbackUrl } from "@/lib/server/safe-callback";
import { isFormData, refusal, sameOrigin, type ActionState } from "@/lib/server/action";

const INCORRECT = "Email or password is incorrect.";

export async function signInAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const at = Date.now();
  const refused = await refusal(formData, at);
  const email = isFormData(formData) ? String(formData.get("email") ?? "").slice(0, 254) : "";
  if (refused) return { ...refused, values: { email } };
  try {
    await signIn("credentials", {
      email,
      password: String(formData.get("password") ?? ""),
      redirectTo: safeCallbackUrl(formData.get("callbackUrl")),
    });
  } catch (error) {
    if (error instanceof SignInLimited) {
      return {
        ok: false,
        message: `Too many failed sign-ins. Try again in ${waitInWords(error.retryAfterMs)}.`,
        values: { email },
        at,
      };
    }
    if (error instanceof AuthError) return { ok: false, message: INCORRECT, values: { email }, at };
    throw error; // the redirect after a successful sign-in travels as an exception
  }
  return { ok: true, at };
}

/**
 * "Sign in with <provider>": off to the provider, with PKCE, state and nonce; back at callbackUrl. A browser
 * without JavaScript posted a plain form, and the Content-Security-Policy's form-action 'self' stops a form's
 * redirect to another site: it goes through /signin/continue, a page of ours that moves on to the provider.
 */
export async function signInWithSso(formData: FormData): Promise<void> {
  if (!isFormData(formData) || !(await sameOrigin()) || !ssoSettings()) redirect("/signin?error=sso-unavailable");
  const redirectTo = safeCallbackUrl(formData.get("callbackUrl"));
  const scripted = (await headers()).has("next-action");
  if (scripted) await signIn("oidc", { redirectTo });
  const provider = await signIn("oidc", { redirectTo, redirect: false });
  redirect(`/signin/continue?to=${encodeURIComponent(provider)}`);
}

/**
 * Ends this session everywhere; a session that came through single sign-on also goes to the provider's
 * end_session_endpoint (RP-Initiated Logout 1.0), which sends the browser back to the home page.
 */
export async function signOutAction(): Promise<void> {
  if (!(await sameOrigin())) return;
  const sso = ssoSettings();
  const token = sso ? await readSessionToken((await cookies()).getAll(), authSecret()) : null;
  const idToken = sso && typeof token?.sid === "string" ? await sessionIdToken(db(), token.sid) : null;
  if (!sso || !idToken) {
    await signOut({ redirectTo: "/" });
    return;
  }
  await signOut({ redirect: false });
  redirect((await endSessionUrl(sso, idToken, `${await siteOrigin()}/`)) ?? "/");
}
