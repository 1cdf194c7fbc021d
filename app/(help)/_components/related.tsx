import type { Article } from "@/lib/help/content";

export function RelatedArticles({ articles }: { articles: Article[] }) {
  if (articles.length === 0) return null;
  return (
    <section aria-labelledby="related-heading" className="no-print mt-10 border-t border-slate-200 pt-6">
      <h2 id="related-heading" className="text-lg font-semibold">
        Related articles
      </h2>
      <ul className="mt-2 space-y-2">
        {articles.map((a) => (
          <li key={a.slug}>
            <a href={`/help/${a.slug}`} className="font-medium">
              {a.title}
            </a>
            <p className="text-sm text-slate-700">{a.description}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
