import { sections } from "@/lib/help/content";

// Help pages read no session and no database, so they are rendered at build time. They say they are good
// for 5 minutes (then revalidated), not Next's default of a year, so a shared cache never serves a help
// page long after a new one was deployed.
export const revalidate = 300;

export default function HelpLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="grid gap-8 lg:grid-cols-[14rem_minmax(0,1fr)]">
      <nav aria-label="Help sections" className="no-print order-last text-sm lg:order-first">
        <p className="mb-2 font-semibold">
          <a href="/help">Help centre</a>
        </p>
        {sections().map((section) => (
          <div key={section.name} className="mb-4">
            <p className="mb-1 font-medium text-slate-600">{section.name}</p>
            <ul className="space-y-1">
              {section.articles.map((a) => (
                <li key={a.slug}>
                  <a href={`/help/${a.slug}`}>{a.title}</a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <div className="min-w-0">{children}</div>
    </div>
  );
}
