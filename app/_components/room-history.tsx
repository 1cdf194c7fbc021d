import type { HistoryEntry } from "@/lib/room/queries";
import { describeChange } from "@/lib/room/history";

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** "Recent changes": what changed, when, and by whom. */
export function RoomHistory({ entries, viewerId }: { entries: HistoryEntry[]; viewerId: number }) {
  if (entries.length === 0) return <p className="text-sm text-slate-700">No changes yet.</p>;
  return (
    <ol className="space-y-3">
      {entries.map((entry) => (
        <li key={entry.id} className="rounded-md border border-slate-200 p-3 text-sm">
          <p>
            <time dateTime={entry.at.toISOString()}>{when.format(entry.at)} UTC</time> ·{" "}
            {entry.kind === "secured" ? "Room secured" : entry.kind === "created" ? "Room created" : "Changed"} by{" "}
            {entry.actor?.id === viewerId
              ? "you"
              : entry.actor
                ? `${entry.actor.name}${entry.actor.role === "support" ? " (support)" : ""}`
                : "a removed account"}
          </p>
          <ul className="mt-1 list-disc pl-6">
            {entry.changes.map((change) => (
              <li key={change.field}>{describeChange(change)}</li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
