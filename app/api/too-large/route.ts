import { TOO_LARGE } from "@/lib/server/request-limits";

// next.config.mjs rewrites here every request whose Content-Length is over the cap: it answers without
// reading the body, and closes the connection so the rest of the body need not be read either.
export const dynamic = "force-dynamic";

function tooLarge(): Response {
  return new Response(TOO_LARGE, {
    status: 413,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", Connection: "close" },
  });
}

export {
  tooLarge as GET,
  tooLarge as POST,
  tooLarge as PUT,
  tooLarge as PATCH,
  tooLarge as DELETE,
  tooLarge as OPTIONS,
};
