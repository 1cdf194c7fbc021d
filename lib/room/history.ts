import type { RoomChange } from "@/db/schema";
import { formatPmi } from "@/lib/validation/pmi";

const LABELS: Record<string, string> = {
  pmi: "Personal Meeting ID",
  link: "Personal link",
  passcode: "Passcode",
  joinBeforeHost: "Join before host",
  waitingRoom: "Waiting room",
};

function show(field: string, value: RoomChange["from"]): string {
  if (typeof value === "boolean") return value ? "on" : "off";
  if (value === null || value === undefined) return "none";
  return field === "pmi" ? formatPmi(value) : value;
}

/** One line of room history in words. The passcode is only ever "set", "changed" or "removed". */
export function describeChange(change: RoomChange): string {
  const label = LABELS[change.field] ?? change.field;
  if (change.field === "passcode") {
    if (change.from === "none") return "Passcode set";
    if (change.to === "none") return "Passcode removed";
    return "Passcode changed";
  }
  if (change.from === undefined) return `${label}: ${show(change.field, change.to)}`;
  return `${label}: ${show(change.field, change.from)} → ${show(change.field, change.to)}`;
}
