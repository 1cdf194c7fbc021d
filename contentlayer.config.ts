import GithubSlugger from "github-slugger";
import { defineDocumentType, makeSource } from "contentlayer2/source-files";
import rehypeSlug from "rehype-slug";
import { mdxToHtml } from "./app/(help)/_components/mdx";

/** The ## and ### headings with the ids rehype-slug gives them (both use github-slugger), for the contents list. */
function headings(raw: string) {
  const slugger = new GithubSlugger();
  const out: { level: number; text: string; id: string }[] = [];
  let fenced = false;
  for (const line of raw.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    const match = !fenced && /^(#{2,3})\s+(.+?)\s*#*\s*$/.exec(line);
    if (!match) continue;
    const text = match[2]!.replace(/[*_`]/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
    out.push({ level: match[1]!.length, text, id: slugger.slug(text) });
  }
  return out;
}

export const Article = defineDocumentType(() => ({
  name: "Article",
  filePathPattern: "articles/**/*.mdx",
  contentType: "mdx",
  fields: {
    title: { type: "string", required: true },
    description: { type: "string", required: true },
    section: { type: "string", required: true },
    order: { type: "number", required: true },
    updated: { type: "date", required: true },
    published: { type: "boolean", required: true },
    related: { type: "list", of: { type: "string" }, default: [] },
  },
  computedFields: {
    // File path = URL: content/articles/waiting-room.mdx is /help/waiting-room.
    slug: { type: "string", resolve: (doc) => doc._raw.flattenedPath.replace(/^articles\//, "") },
    headings: { type: "json", resolve: (doc) => headings(doc.body.raw) },
    // Rendered here, in plain Node, because pages cannot run react-dom/server and the browser need not run it.
    html: { type: "string", resolve: (doc) => mdxToHtml(doc.body.code) },
  },
}));

export const FaqEntry = defineDocumentType(() => ({
  name: "FaqEntry",
  filePathPattern: "faq/**/*.mdx",
  contentType: "mdx",
  fields: {
    // Permanent: support staff paste /help/faq/<slug> into tickets. Renames keep a redirect (lib/help/slugs.ts).
    slug: { type: "string", required: true },
    question: { type: "string", required: true },
    order: { type: "number", required: true },
    related: { type: "list", of: { type: "string" }, default: [] },
    published: { type: "boolean", required: true },
  },
  computedFields: {
    html: { type: "string", resolve: (doc) => mdxToHtml(doc.body.code) },
  },
}));

export default makeSource({
  contentDirPath: "content",
  documentTypes: [Article, FaqEntry],
  mdx: { rehypePlugins: [rehypeSlug] },
  disableImportAliasWarning: true,
});
