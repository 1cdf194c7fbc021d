"use server";
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { cookies, headers } from "next/headers";
import { z } from "zod";
import { db } from "@/db";
import { clientAddress } from "@/lib/server/client-address";
import { votablePages } from "@/lib/help/pages";
import { recordVote } from "@/lib/help/votes";
import { limitKey, reserve } from "@/lib/server/rate-limit";
import { refusal, type ActionState } from "@/lib/server/action";

const VISITOR_COOKIE = "rd_visitor";
// Enough for a person reading every page; a script voting from one address stops here.
const VOTE_LIMIT = { name: "vote", points: 60, seconds: 60 * 60 };

const voteSchema = z.object({
  page: z.string().max(200),
  helpful: z.enum(["yes", "no"], { error: "Choose Yes or No." }),
});

/** "Was this helpful?": one answer per visitor, page and day; a second answer the same day replaces the first. */
export async function voteOnPage(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const at = Date.now();
  const refused = await refusal(formData, at);
  if (refused) return refused;
  const parsed = voteSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, message: "Choose Yes or No.", at };
  const { page, helpful } = parsed.data;
  if (!votablePages().some((p) => p.path === page)) return { ok: false, message: "That page cannot be rated.", at };

  const counter = { limit: VOTE_LIMIT, key: limitKey(clientAddress(await headers())) };
  if ((await reserve(db(), [counter])).wait > 0) {
    return { ok: false, message: "Thanks, we have plenty of answers from you for now.", at };
  }

  const jar = await cookies();
  let visitor = jar.get(VISITOR_COOKIE)?.value;
  if (!visitor || !/^[0-9a-f-]{36}$/.test(visitor)) {
    visitor = randomUUID();
    const secure = (await headers()).get("x-forwarded-proto") === "https";
    jar.set(VISITOR_COOKIE, visitor, {
      httpOnly: true,
      sameSite: "lax",
      secure,
      path: "/",
      maxAge: 365 * 24 * 60 * 60,
    });
  }
  const day = new Date().toISOString().slice(0, 10);
  await recordVote(db(), {
    page,
    visitor: createHash("sha256").update(visitor).digest("base64url"),
    day,
    helpful: helpful === "yes",
  });
  return {
    ok: true,
    message: helpful === "yes" ? "Thanks! Glad it helped." : "Thanks for telling us. We'll work on this page.",
    at,
  };
}
