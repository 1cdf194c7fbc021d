import Link from "next/link";
import type { VoteTotal } from "@/lib/support/service";

function VoteList({ label, totals }: { label: string; totals: VoteTotal[] }) {
  return (
    <div>
      <h3 className="font-medium">{label}</h3>
      <ol aria-label={label} className="mt-1 space-y-1 text-sm">
        {totals.map((t) => (
          <li key={t.path}>
            <Link href={t.path}>{t.title}</Link> · {t.yes} yes, {t.no} no
          </li>
        ))}
      </ol>
    </div>
  );
}

/** "Was this helpful?" answers, to see which help pages work and which need rewriting. */
export function HelpfulPanel({ totals }: { totals: VoteTotal[] }) {
  if (totals.length === 0) return <p className="text-sm text-slate-700">No answers to “Was this helpful?” yet.</p>;
  const least = [...totals].reverse().filter((t) => t.no > 0);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <VoteList label="Most helpful" totals={totals.filter((t) => t.yes > 0).slice(0, 5)} />
      <VoteList label="Least helpful" totals={least.slice(0, 5)} />
    </div>
  );
}
