import fs from "node:fs";
import { faqRedirects } from "./lib/help/redirects.mjs";
import { OVER_MAX_BODY_LENGTH, PROXY_BODY_COPY_BYTES } from "./lib/server/http-policy.mjs";

// A renamed FAQ slug keeps its permalink working forever (see content/published-slugs.json).
const published = JSON.parse(fs.readFileSync(new URL("./content/published-slugs.json", import.meta.url), "utf8"));

// One fixed policy for every response: a per-request nonce would force every page to render dynamically.
// Next's inline bootstrap scripts need 'unsafe-inline' without a nonce; everything else is same-origin only.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "X-Frame-Options", value: "DENY" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The proxy refuses chunked bodies over 64 KB (lib/request-limits.ts); this bounds the copy it reads.
  experimental: { proxyClientMaxBodySize: PROXY_BODY_COPY_BYTES },
  // How long a cache may serve a stale prerendered page while it revalidates (see the help layout).
  expireTime: 86400,
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2"],
  async redirects() {
    return faqRedirects(published.faqRenames);
  },
  // A declared body over 64 KB is answered 413 before a byte of it is read (the proxy skips it: see proxy.ts).
  async rewrites() {
    const tooLarge = { type: "header", key: "content-length", value: OVER_MAX_BODY_LENGTH };
    return {
      beforeFiles: [{ source: "/:path*", has: [tooLarge], destination: "/api/too-large" }],
      afterFiles: [],
      fallback: [],
    };
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
