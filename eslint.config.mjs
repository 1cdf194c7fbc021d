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
  {
    // Callers share one Db typed as SQLite's query builder; these parts of it exist only on SQLite.
    files: ["app/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "scripts/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[property.name='$client']",
          message: "The raw client differs per engine: go through the query builder or db/.",
        },
        {
          selector:
            "CallExpression[arguments.length=0][callee.object.type='CallExpression'][callee.property.name=/^(all|get|run|values)$/]",
          message: "SQLite-only: await the query itself, which runs on PostgreSQL too.",
        },
      ],
    },
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
