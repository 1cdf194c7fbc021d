import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "contentlayer/generated": path.resolve(import.meta.dirname, ".contentlayer/generated"),
      // Unit tests run server modules directly; the guard only matters inside the Next bundles.
      "server-only": path.resolve(import.meta.dirname, "tests/support/server-only.ts"),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    // Queries modules import next-auth (through lib/auth), whose ESM imports "next/server" without an extension.
    server: { deps: { inline: ["next-auth"] } },
  },
});
