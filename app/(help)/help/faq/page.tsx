import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { articleBySlug, FAQ_SLUG, publishedFaqEntries } from "@/lib/help/content";
import { faqAliases } from "@/lib/help/slugs";
import { Breadcrumbs } from "../../_components/breadcrumbs";
import { CopyLink } from "../../_components/copy-link";
import { ContentHtml } from "../../_components/content-html";
import { CopyLinkHandler } from "../../_components/copy-link-handler";
import { canonicalUrl } from "@/lib/help/canonical";

export const metadata: Metadata = {
  title: "Frequently asked questions",
  description: "Short answers about your Personal Meeting ID, personal link, passcode and waiting room.",
};

export default function FaqPage() {
  const intro = articleBySlug(FAQ_SLUG);
  if (!intro) notFound();
  const entries = publishedFaqEntries();
  const aliases = faqAliases();
  return (
    <div className="max-w-3xl">
      <link rel="canonical" href={canonicalUrl("/help/faq")} />
      <Breadcrumbs items={[{ label: "Help", href: "/help" }, { label: "FAQ" }]} />
      <h1 className="text-3xl font-bold">{intro.title}</h1>
      <ContentHtml className="mt-2" html={intro.html} />
      <nav aria-labelledby="faq-questions" className="no-print my-6 rounded-md border border-slate-200 p-4">
        <h2 id="faq-questions" className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600">
          Questions
        </h2>
        <ol className="list-decimal space-y-1 pl-6 text-sm">
          {entries.map((f) => (
            <li key={f.slug}>
              <a href={`#${f.slug}`}>{f.question}</a>
            </li>
          ))}
        </ol>
      </nav>
      {entries.map((f) => (
        <section
          key={f.slug}
          id={f.slug}
          aria-labelledby={`${f.slug}-question`}
          className="border-t border-slate-200 py-6"
        >
          {/* Old slugs of a renamed answer stay here as anchors: a #fragment never reaches the server. */}
          {(aliases.get(f.slug) ?? []).map((old) => (
            <span key={old} id={old} />
          ))}
          <div className="flex flex-wrap items-baseline gap-x-3">
            <h2 id={`${f.slug}-question`} className="text-xl font-semibold">
              <a href={`/help/faq/${f.slug}`}>{f.question}</a>
            </h2>
            <CopyLink href={`/help/faq/${f.slug}`} label={f.question} />
          </div>
          <ContentHtml html={f.html} />
        </section>
      ))}
      <CopyLinkHandler />
    </div>
  );
}
