"use server";
import "server-only";
import { AuthError } from "next-auth";
import { SignInLimited, signIn, signOut } from "@/lib/auth";
import { waitInWords } from "@/lib/server/rate-limit";
import { safeCallbackUrl } from "@/lib/server/safe-callback";
import { FORBIDDEN_ORIGIN, isFormData, NOT_A_FORM, sameOrigin, type ActionState } from "@/lib/server/action";

const INCORRECT = "Email or password is incorrect.";

export async function signInAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  if (!isFormData(formData)) return { ok: false, message: NOT_A_FORM, at: Date.now() };
  const at = Date.now();
  const email = String(formData.get("email") ?? "").slice(0, 254);
  if (!(await sameOrigin())) return { ok: false, message: FORBIDDEN_ORIGIN, values: { email }, at };
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

export async function signOutAction(): Promise<void> {
  if (!(await sameOrigin())) return;
  await signOut({ redirectTo: "/" });
}
