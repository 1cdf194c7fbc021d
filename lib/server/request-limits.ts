// What the proxy refuses before any route handler or server action sees the request (SPEC §7).
// No "server-only" here: proxy.ts imports it, and it holds nothing secret.
import { MAX_BODY_BYTES } from "@/lib/server/http-policy.mjs";

export const TOO_LARGE = `The request is too large: ${MAX_BODY_BYTES / 1024} KB at most.`;

/**
 * True when the body is over MAX_BODY_BYTES. A declared Content-Length is trusted (Node's parser never
 * delivers more than it); a chunked body is counted as it arrives, and reading stops once it passes the cap
 * (Next drains the rest, keeping no more than PROXY_BODY_COPY_BYTES of it).
 */
export async function bodyTooLarge(request: Request): Promise<boolean> {
  const declared = request.headers.get("content-length");
  if (declared !== null) return Number(declared) > MAX_BODY_BYTES;
  if (!request.body) return false;
  const reader = request.body.getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) return true;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

/** The path decoded, or null when it cannot be: Next answers a bare 500 for `/help/%FF`, so the proxy answers first. */
export function decodedPath(pathname: string): string | null {
  if (!pathname.includes("%")) return pathname;
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}
