import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { articleBySlug, FAQ_SLUG, headingsOf, publishedArticles, relatedArticles } from "@/lib/help/content";
import { Breadcrumbs } from "../../_components/breadcrumbs";
import { ContentHtml } from "../../_components/content-html";
import { CopyLinkHandler } from "../../_components/copy-link-handler";
import { RelatedArticles } from "../../_components/related";
import { TableOfContents } from "../../_components/toc";
import { WasThisHelpful } from "../../_components/vote";
import { canonicalUrl } from "@/lib/help/canonical";

type Props = { params: Promise<{ slug: string }> };

// Only published articles exist; any other slug is a 404 without touching the server again.
export const dynamicParams = false;

export function generateStaticParams() {
  return publishedArticles()
    .filter((a) => a.slug !== FAQ_SLUG)
    .map((a) => ({ slug: a.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = articleBySlug((await params).slug);
  if (!article) return {};
  return { title: article.title, description: article.description };
}

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });

export default async function ArticlePage({ params }: Props) {
  const article = articleBySlug((await params).slug);
  if (!article || article.slug === FAQ_SLUG) notFound();
  const path = `/help/${article.slug}`;
  return (
    <article className="max-w-3xl">
      <link rel="canonical" href={canonicalUrl(path)} />
      <Breadcrumbs items={[{ label: "Help", href: "/help" }, { label: article.section }, { label: article.title }]} />
      <h1 className="text-3xl font-bold">{article.title}</h1>
      <p className="mt-2 text-lg text-slate-700">{article.description}</p>
      <p className="mt-2 text-sm text-slate-600">
        Last updated <time dateTime={article.updated.slice(0, 10)}>{dateFormat.format(new Date(article.updated))}</time>
      </p>
      <TableOfContents headings={headingsOf(article)} />
      <ContentHtml className="mt-6" html={article.html} />
      <CopyLinkHandler />
      <WasThisHelpful page={path} />
      <RelatedArticles articles={relatedArticles(article.related)} />
    </article>
  );
}
