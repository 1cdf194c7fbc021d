"use server";
import "server-only";
import { AuthError } from "next-auth";
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

export async function signOutAction(): Promise<void> {
  if (!(await sameOrigin())) return;
  await signOut({ redirectTo: "/" });
}
