import type { HistoryItem } from "@/lib/room/history";

/** "Recent changes": what changed, when, and by whom (described on the server, shown anywhere). */
export function RoomHistory({ entries }: { entries: HistoryItem[] }) {
  if (entries.length === 0) return <p className="text-sm text-slate-700">No changes yet.</p>;
  return (
    <ol className="space-y-3">
      {entries.map((entry) => (
        <li key={entry.id} className="rounded-md border border-slate-200 p-3 text-sm">
          <p>
            <time dateTime={entry.at}>{entry.when}</time> · {entry.title}
          </p>
          <ul className="mt-1 list-disc pl-6">
            {entry.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
