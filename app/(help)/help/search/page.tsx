import type { Metadata } from "next";
import { highlight, searchHelp, suggestArticles } from "@/lib/help/search";
import { Breadcrumbs } from "../../_components/breadcrumbs";
import { SearchForm } from "../../_components/search-form";

export const metadata: Metadata = { title: "Search help", robots: { index: false } };

type Props = { searchParams: Promise<{ q?: string | string[] }> };

// Server-rendered results: a plain GET form, so search works with JavaScript off.
const EMPTY_HINT = "Type a question in your own words, for example “how do I change my passcode”.";

export default async function SearchPage({ searchParams }: Props) {
  const raw = (await searchParams).q;
  const query = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 200).trim() ?? "";
  const results = query ? searchHelp(query, 10) : [];
  return (
    <div className="max-w-3xl space-y-6">
      <Breadcrumbs items={[{ label: "Help", href: "/help" }, { label: "Search" }]} />
      <h1 className="text-3xl font-bold">Search help</h1>
      <SearchForm defaultValue={query} id="search-page-q" />
      {query ? (
        results.length > 0 ? (
          <section aria-labelledby="results-heading">
            <h2 id="results-heading" className="text-lg font-semibold">
              {results.length} {results.length === 1 ? "result" : "results"} for “{query}”
            </h2>
            <ol aria-labelledby="results-heading" className="mt-3 space-y-4">
              {results.map((r) => (
                <li key={r.id}>
                  <a href={r.href} className="text-lg font-medium">
                    {r.title}
                  </a>
                  <p className="text-sm text-slate-600">
                    {r.kind === "faq" ? "FAQ" : "Article"} · {r.href}
                  </p>
                  <p className="text-slate-800">
                    {highlight(r.snippet, r.terms).map((part, i) =>
                      part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
                    )}
                  </p>
                </li>
              ))}
            </ol>
          </section>
        ) : (
          <section aria-labelledby="results-heading" className="space-y-2">
            <h2 id="results-heading" className="text-lg font-semibold">
              No results for “{query}”
            </h2>
            <p>Try fewer or different words, or start with one of these:</p>
            <ul className="list-disc pl-6">
              {suggestArticles().map((a) => (
                <li key={a.href}>
                  <a href={a.href}>{a.title}</a>
                </li>
              ))}
            </ul>
          </section>
        )
      ) : (
        <p className="text-slate-700">{EMPTY_HINT}</p>
      )}
    </div>
  );
}
