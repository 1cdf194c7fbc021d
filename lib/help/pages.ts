import "server-only";
import { FAQ_SLUG, publishedArticles, publishedFaqEntries } from "./content";

type HelpPage = { path: string; title: string };

/** Every published help page that can collect "Was this helpful?" answers, with its title. */
export function votablePages(): HelpPage[] {
  return [
    ...publishedArticles()
      .filter((a) => a.slug !== FAQ_SLUG)
      .map((a) => ({ path: `/help/${a.slug}`, title: a.title })),
    ...publishedFaqEntries().map((f) => ({ path: `/help/faq/${f.slug}`, title: f.question })),
  ];
}
