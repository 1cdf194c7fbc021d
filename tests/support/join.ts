import type { APIRequestContext } from "@playwright/test";

/**
 * Posts the join form the way a browser does (same-origin, form-encoded) and returns where it leads:
 * "joined" (back to the join page, now showing the guest's state), "refused" (the one answer for an
 * unknown ID or a wrong passcode), or the raw status for anything else.
 */
export async function tryJoin(
  request: APIRequestContext,
  baseURL: string,
  path: string,
  passcode: string,
  name = "Probe",
) {
  const res = await request.post(`${path}/join`, {
    form: { name, passcode },
    headers: { Origin: baseURL },
    maxRedirects: 0,
  });
  const location = res.headers()["location"] ?? "";
  if (res.status() === 303) return location.includes("error=check") ? "refused" : "joined";
  return String(res.status());
}
