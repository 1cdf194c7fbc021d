import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { house } from "./eslint.house.mjs";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["app/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "db/**/*.ts"],
    plugins: { house },
    rules: { "house/imports": "error" },
  },
  {
    // Help pages and what every page carries (layout, not-found, error boundaries) use plain links on purpose:
    // next/link would load, hydrate and prefetch on every help page, and nothing there needs client navigation.
    files: ["app/layout.tsx", "app/not-found.tsx", "app/error.tsx", "app/global-error.tsx", "app/(help)/**/*.tsx"],
    rules: { "@next/next/no-html-link-for-pages": "off" },
  },
  globalIgnores([
    ".next/**",
    ".contentlayer/**",
    "node_modules/**",
    "next-env.d.ts",
    "db/*/migrations/**",
    "bench/results/**",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
