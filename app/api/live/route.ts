import type { NextRequest } from "next/server";
import { liveVersion } from "@/lib/join/queries";

export const dynamic = "force-dynamic";

/** What the host panel polls: a fingerprint of the live state, so the page is rendered again only on a change. */
export async function GET(req: NextRequest) {
  const version = await liveVersion(req.nextUrl.searchParams.get("key") ?? "");
  return Response.json({ version }, { status: version ? 200 : 404, headers: { "Cache-Control": "no-store" } });
}
