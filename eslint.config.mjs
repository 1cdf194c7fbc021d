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
