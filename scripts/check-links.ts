// Usage: tsx --conditions=react-server scripts/check-links.ts [build-output-dir]
// Fails the build on a broken internal link or anchor in the rendered help pages (SPEC §6).
import fs from "node:fs";
import path from "node:path";
// Relative, not "@/": tsx reads path aliases from the tsconfig of the cwd, and this may run from elsewhere.
import { formatProblem, linkReport, type Page } from "../lib/help/link-check";
import { siteUrl } from "../lib/server/site-url";

// Next 16 writes each prerendered app route here as <route>.html, with route groups dropped.
const DEFAULT_DIR = ".next/server/app";

// Routes rendered on request, so they have no .html to check but are valid link targets.
const knownRoutes: (string | RegExp)[] = [
  "/room",
  "/meetings",
  "/meetings/new",
  "/account",
  "/signin",
  "/support",
  "/help/search",
  "/api/health",
  /^\/j\/\d+$/,
  /^\/my\/[^/]+$/,
];

const isHelpPage = (p: string) => p === "/help" || p.startsWith("/help/");

/** index.html -> "/", help/faq.html -> "/help/faq"; null for files that are not pages. */
function urlPathFor(relativeFile: string): string | null {
  const parts = relativeFile.split(path.sep);
  const last = parts.at(-1) ?? "";
  if (!last.endsWith(".html")) return null;
  // "_not-found", "_global-error" and other "_" files are Next internals, not routes.
  if (parts.some((part) => part.startsWith("_"))) return null;
  parts[parts.length - 1] = last.slice(0, -".html".length);
  const joined = parts.join("/");
  return joined === "index" ? "/" : `/${joined}`;
}

function readPages(dir: string): Page[] {
  const pages: Page[] = [];
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const urlPath = urlPathFor(path.relative(dir, file));
    if (urlPath) pages.push({ path: urlPath, html: fs.readFileSync(file, "utf8") });
  }
  return pages;
}

function main(argDir: string | undefined): number {
  const dir = path.resolve(argDir ?? DEFAULT_DIR);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    console.error(`check-links: ${dir} does not exist; run \`next build\` first.`);
    return 1;
  }
  const pages = readPages(dir);
  // No help pages means the wrong directory or a changed build layout: that must not pass silently.
  if (!pages.some((page) => isHelpPage(page.path))) {
    console.error(`check-links: no prerendered help pages (help.html, help/*.html) under ${dir}.`);
    return 1;
  }
  const report = linkReport(pages, { knownRoutes, isSource: isHelpPage, siteOrigin: siteUrl().origin });
  if (report.problems.length > 0) {
    for (const problem of report.problems) console.error(formatProblem(problem));
    console.error(`check-links: ${report.problems.length} broken link(s) in ${report.pages} help pages.`);
    return 1;
  }
  console.log(`Checked ${report.pages} help pages, ${report.links} links: no broken links.`);
  return 0;
}

process.exitCode = main(process.argv[2]);
