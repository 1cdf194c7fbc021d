import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { faqEntryBySlug, publishedFaqEntries, relatedArticles } from "@/lib/help/content";
import { Breadcrumbs } from "../../../_components/breadcrumbs";
import { CopyLink } from "../../../_components/copy-link";
import { ContentHtml } from "../../../_components/content-html";
import { CopyLinkHandler } from "../../../_components/copy-link-handler";
import { RelatedArticles } from "../../../_components/related";
import { WasThisHelpful } from "../../../_components/vote";
import { canonicalUrl } from "@/lib/help/canonical";

type Props = { params: Promise<{ slug: string }> };

// The permalink support staff send. Renamed slugs redirect permanently (next.config.mjs).
export const dynamicParams = false;

export function generateStaticParams() {
  return publishedFaqEntries().map((f) => ({ slug: f.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const entry = faqEntryBySlug((await params).slug);
  return entry ? { title: entry.question } : {};
}

export default async function FaqAnswerPage({ params }: Props) {
  const entry = faqEntryBySlug((await params).slug);
  if (!entry) notFound();
  const entries = publishedFaqEntries();
  const index = entries.findIndex((f) => f.slug === entry.slug);
  const previous = entries[index - 1];
  const next = entries[index + 1];
  const path = `/help/faq/${entry.slug}`;
  return (
    <article className="max-w-3xl">
      <link rel="canonical" href={canonicalUrl(path)} />
      <Breadcrumbs
        items={[{ label: "Help", href: "/help" }, { label: "FAQ", href: "/help/faq" }, { label: entry.question }]}
      />
      <div className="flex flex-wrap items-baseline gap-x-3">
        <h1 className="text-3xl font-bold">{entry.question}</h1>
        <CopyLink href={path} label={entry.question} />
      </div>
      <ContentHtml className="mt-4" html={entry.html} />
      <CopyLinkHandler />
      <p className="mt-4 text-sm">
        <a href={`/help/faq#${entry.slug}`}>See this answer among all questions</a>
      </p>
      <WasThisHelpful page={path} />
      <RelatedArticles articles={relatedArticles(entry.related)} />
      <nav
        aria-label="More questions"
        className="no-print mt-8 flex flex-wrap justify-between gap-4 border-t border-slate-200 pt-4 text-sm"
      >
        {previous ? (
          <a href={`/help/faq/${previous.slug}`} rel="prev">
            ← {previous.question}
          </a>
        ) : (
          <span />
        )}
        {next ? (
          <a href={`/help/faq/${next.slug}`} rel="next">
            {next.question} →
          </a>
        ) : null}
      </nav>
    </article>
  );
}
