import type { Metadata } from "next";
import { publishedFaqEntries, sections } from "@/lib/help/content";
import { SearchSuggest } from "../_components/search-suggest";

export const metadata: Metadata = {
  title: "Help centre",
  description: "How your personal meeting room works: Personal Meeting ID, personal link, passcode and waiting room.",
};

const sectionId = (name: string) => `section-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

export default function HelpIndexPage() {
  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold">Help centre</h1>
        <p className="text-slate-700">Answers about your personal room, your meetings and keeping them safe.</p>
        <SearchSuggest />
      </header>
      {sections().map((section) => (
        <section key={section.name} aria-labelledby={sectionId(section.name)}>
          <h2 id={sectionId(section.name)} className="text-xl font-semibold">
            {section.name}
          </h2>
          <ul className="mt-3 grid gap-3 sm:grid-cols-2">
            {section.articles.map((a) => (
              <li key={a.slug} className="rounded-md border border-slate-200 p-4">
                <a href={`/help/${a.slug}`} className="font-medium">
                  {a.title}
                </a>
                <p className="mt-1 text-sm text-slate-700">{a.description}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section aria-labelledby="popular-questions">
        <h2 id="popular-questions" className="text-xl font-semibold">
          Frequently asked questions
        </h2>
        <ul className="mt-3 list-disc space-y-1 pl-6">
          {publishedFaqEntries().map((f) => (
            <li key={f.slug}>
              <a href={`/help/faq/${f.slug}`}>{f.question}</a>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
