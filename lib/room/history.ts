import type { RoomChange, RoomChangeRow, User } from "@/db/schema";
import { formatPmi } from "@/lib/validation/pmi";

const LABELS: Record<string, string> = {
  pmi: "Personal Meeting ID",
  link: "Personal link",
  passcode: "Passcode",
  joinBeforeHost: "Join before host",
  waitingRoom: "Waiting room",
};

/** A room field's name as the form labels it. */
export const fieldLabel = (field: string): string => LABELS[field] ?? field;

function show(field: string, value: RoomChange["from"]): string {
  if (typeof value === "boolean") return value ? "on" : "off";
  if (value === null || value === undefined) return "none";
  return field === "pmi" ? formatPmi(value) : value;
}

/** One line of room history in words. The passcode is only ever "set", "changed" or "removed". */
export function describeChange(change: RoomChange): string {
  const label = fieldLabel(change.field);
  if (change.field === "passcode") {
    if (change.from === "none") return "Passcode set";
    if (change.to === "none") return "Passcode removed";
    return "Passcode changed";
  }
  if (change.from === undefined) return `${label}: ${show(change.field, change.to)}`;
  return `${label}: ${show(change.field, change.from)} → ${show(change.field, change.to)}`;
}

/** A history entry as the page shows it: words only, so the browser can list new ones without these rules. */
export type HistoryItem = { id: number; at: string; when: string; title: string; lines: string[] };

type Entry = Pick<RoomChangeRow, "id" | "at" | "kind" | "changes"> & {
  actor: Pick<User, "id" | "name" | "role"> | null;
};

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const KINDS: Record<Entry["kind"], string> = { secured: "Room secured", created: "Room created", updated: "Changed" };

export function describeEntry(entry: Entry, viewerId: number): HistoryItem {
  const by =
    entry.actor?.id === viewerId
      ? "you"
      : entry.actor
        ? `${entry.actor.name}${entry.actor.role === "support" ? " (support)" : ""}`
        : "a removed account";
  return {
    id: entry.id,
    at: entry.at.toISOString(),
    when: `${when.format(entry.at)} UTC`,
    title: `${KINDS[entry.kind]} by ${by}`,
    lines: entry.changes.map(describeChange),
  };
}
