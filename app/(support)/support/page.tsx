import type { Metadata } from "next";
import { requireRole } from "@/lib/auth";
import { searchHelp } from "@/lib/help/search";
import { siteOrigin } from "@/lib/server/site";
import { failedMail, helpfulTotals, lookUp } from "@/lib/support/queries";
import { UserBar } from "@/app/_components/user-bar";
import { AnswerResults } from "./answers";
import { MailList } from "./mail-list";
import { UserCard } from "./user-card";
import { HelpfulPanel } from "./votes";

export const metadata: Metadata = { title: "Support", robots: { index: false } };

type Props = { searchParams: Promise<{ q?: string | string[]; find?: string | string[]; secured?: string }> };
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.slice(0, 300).trim() ?? "";

export default async function SupportPage({ searchParams }: Props) {
  const staff = await requireRole("support");
  const params = await searchParams;
  const q = first(params.q);
  const find = first(params.find);
  const origin = await siteOrigin();
  const results = q ? searchHelp(q, 8) : [];
  const found = find ? await lookUp(find) : null;

  return (
    <div className="max-w-4xl space-y-10">
      <UserBar user={staff} />
      <h1 className="text-3xl font-bold">Support console</h1>

      <section aria-labelledby="answers-heading" className="space-y-3">
        <h2 id="answers-heading" className="text-xl font-semibold">
          Find an answer
        </h2>
        <form method="get" action="/support" role="search" className="flex max-w-xl flex-wrap gap-2">
          <label htmlFor="q" className="sr-only">
            Search answers
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            placeholder="Search answers"
            className="min-w-0 flex-1 rounded-md border border-slate-400 px-3 py-2"
          />
          {find ? <input type="hidden" name="find" value={find} /> : null}
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white">
            Search
          </button>
        </form>
        <AnswerResults query={q} results={results} origin={origin} sendTo={found?.user.email ?? ""} />
      </section>

      <section aria-labelledby="lookup-heading" className="space-y-3">
        <h2 id="lookup-heading" className="text-xl font-semibold">
          Look up a user
        </h2>
        <form method="get" action="/support" className="flex max-w-xl flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1">
            <label htmlFor="find" className="block font-medium">
              Find a user
            </label>
            <input
              id="find"
              name="find"
              defaultValue={find}
              aria-describedby="find-hint"
              className="block w-full rounded-md border border-slate-400 px-3 py-2"
            />
            <p id="find-hint" className="text-sm text-slate-600">
              Email, Personal Meeting ID, meeting ID, personal link, or a join URL.
            </p>
          </div>
          {q ? <input type="hidden" name="q" value={q} /> : null}
          <button type="submit" className="mb-6 rounded-md bg-brand-700 px-4 py-2 font-medium text-white">
            Find
          </button>
        </form>
        {params.secured === "1" && found ? (
          <p role="status" className="rounded-md bg-green-50 p-3 text-green-900">
            Room secured. Send {found.user.name} the new details from their room page, or ask them to open My room.
          </p>
        ) : null}
        {find && !found ? <p role="status">No account matches “{find}”.</p> : null}
        {found ? (
          <UserCard
            found={found}
            history={found.history}
            origin={origin}
            viewerId={staff.id}
            signIn={found.signIn}
            mail={found.mail}
          />
        ) : null}
      </section>

      <section aria-labelledby="failed-heading" className="space-y-3">
        <h2 id="failed-heading" className="text-xl font-semibold">
          Messages that could not be delivered
        </h2>
        <p className="text-sm text-slate-700">
          The most recent messages the mail sender gave up on after retrying. Check the address with the user.
        </p>
        <MailList items={await failedMail()} label="Messages that could not be delivered" empty="None." />
      </section>

      <section aria-labelledby="helpful-heading" className="space-y-3">
        <h2 id="helpful-heading" className="text-xl font-semibold">
          Most and least helpful pages
        </h2>
        <HelpfulPanel totals={await helpfulTotals()} />
      </section>
    </div>
  );
}
