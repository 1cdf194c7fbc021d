import "server-only";
import { db } from "@/db";
import { endSsoSessions } from "./sessions";
import { ssoSettings } from "./sso";
import { verifyLogoutToken } from "./sso-provider";

const answer = (status: number, body?: object) =>
  new Response(body ? JSON.stringify(body) : null, {
    status,
    headers: { "Cache-Control": "no-store", ...(body ? { "Content-Type": "application/json" } : {}) },
  });

/**
 * POST /api/auth/backchannel-logout: the provider says a user signed out there. A valid logout token ends
 * the sessions it names (§2.7); anything else ends nothing and gets 400 with the OAuth error code (§2.8).
 */
export async function backchannelLogout(request: Request): Promise<Response> {
  const sso = ssoSettings();
  if (!sso) return answer(404);
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) return answer(400, { error: "invalid_request" });
  const form = await request.formData().catch(() => null);
  const token = form?.get("logout_token");
  if (typeof token !== "string" || token.length > 16_384) return answer(400, { error: "invalid_request" });
  let logout;
  try {
    logout = await verifyLogoutToken(sso, token);
  } catch {
    return answer(400, { error: "invalid_request", error_description: "The logout token is not valid." });
  }
  await endSsoSessions(db(), sso.issuer, logout);
  return answer(200);
}
