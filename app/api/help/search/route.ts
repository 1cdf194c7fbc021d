import { searchHelp } from "@/lib/help/search";

// Suggestions for the help search box as people type; the same engine as /help/search.
export function GET(request: Request) {
  const q = new URL(request.url).searchParams.get("q")?.slice(0, 200) ?? "";
  const results = searchHelp(q, 5).map(({ title, href, snippet }) => ({ title, href, snippet }));
  return Response.json(results, { headers: { "Cache-Control": "public, max-age=300" } });
}
