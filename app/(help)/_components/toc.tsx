import type { Heading } from "@/lib/help/content";

/** "On this page", for articles long enough to need one. */
export function TableOfContents({ headings }: { headings: Heading[] }) {
  if (headings.length < 4) return null;
  return (
    <nav aria-labelledby="toc-heading" className="no-print my-6 rounded-md border border-slate-200 p-4">
      <h2 id="toc-heading" className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600">
        On this page
      </h2>
      <ul className="space-y-1 text-sm">
        {headings.map((h) => (
          <li key={h.id} className={h.level === 3 ? "pl-4" : undefined}>
            <a href={`#${h.id}`}>{h.text}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
