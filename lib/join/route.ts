import "server-only";
import { randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { db } from "@/db";
import { originMatches } from "@/lib/server/action";
import { clientAddress } from "@/lib/server/client-address";
import { joinPath, type JoinKind } from "@/lib/join/requested";
import { attemptJoin } from "@/lib/join/service";
import { PASS_MAX_AGE_SECONDS, passCookieName } from "@/lib/join/pass";
import { waitInWords } from "@/lib/server/rate-limit";
import { guestNameSchema } from "@/lib/validation/text";

export const GUEST_COOKIE = "rd_guest";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The 429 answer: a small page of its own, because only a route handler can send 429 with Retry-After. */
function limitedPage(wait: string, back: string): string {
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Too many attempts · Roomdesk</title>',
    '</head><body style="font-family:system-ui,sans-serif;max-width:40rem;',
    'margin:2rem auto;padding:0 1rem;line-height:1.5">',
    `<h1>Too many attempts</h1><p>Too many attempts to join. Try again in ${escape(wait)}.</p>`,
    `<p><a href="${escape(back)}">Back to the join page</a></p></body></html>`,
  ].join("");
}

/**
 * POST /j/<id>/join and /my/<link>/join: a plain form post, so it works without JavaScript and can answer
 * 429 with Retry-After. Every failure that could reveal whether an ID exists is one redirect to the form.
 */
export async function handleJoin(request: Request, kind: JoinKind, raw: string): Promise<Response> {
  const base = joinPath(kind, raw);
  const back = (query = "") =>
    new Response(null, { status: 303, headers: { Location: `${base}${query}`, "Cache-Control": "no-store" } });
  if (!originMatches(request.headers))
    return new Response("This request did not come from a Roomdesk page.", { status: 403 });

  const form = await request.formData().catch(() => null);
  const parsed = guestNameSchema.safeParse(form?.get("name") ?? "");
  const passcode = String(form?.get("passcode") ?? "").slice(0, 200);
  if (!parsed.success) return back(`?error=name`);
  const name = parsed.data;

  const jar = await cookies();
  const secure = request.headers.get("x-forwarded-proto") === "https";
  let token = jar.get(GUEST_COOKIE)?.value;
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) {
    token = randomBytes(32).toString("base64url");
    // A session cookie: "this browser session", which is what a removal keeps out.
    jar.set(GUEST_COOKIE, token, { httpOnly: true, sameSite: "lax", secure, path: "/" });
  }

  const outcome = await attemptJoin(db(), {
    kind,
    raw,
    name,
    passcode,
    client: clientAddress(request.headers),
    token,
    passFor: (key) => jar.get(passCookieName(key))?.value,
  });
  switch (outcome.kind) {
    case "limited": {
      const seconds = Math.max(1, Math.ceil(outcome.retryAfterMs / 1000));
      const body = limitedPage(waitInWords(outcome.retryAfterMs), base);
      return new Response(body, {
        status: 429,
        headers: {
          "Retry-After": String(seconds),
          "Content-Type": "text/html; charset=utf-8",
          "Cache-Control": "no-store",
        },
      });
    }
    case "failed":
      return back(`?error=check&name=${encodeURIComponent(name)}`);
    case "locked":
      return back(`?error=locked`);
    case "full":
      return back(`?error=full`);
    case "removed":
      return back();
    case "joined":
      jar.set(passCookieName(outcome.target.key), outcome.pass, {
        httpOnly: true,
        sameSite: "lax",
        secure,
        path: "/",
        maxAge: PASS_MAX_AGE_SECONDS,
      });
      return back();
  }
}
