import { formatPmi } from "@/lib/validation/pmi";

const NO_PASSCODE_LINE = "No passcode: the host admits you from the waiting room.";

/** The text "Copy invitation" puts on the clipboard, for a room and for a scheduled meeting alike. */
export function composeInvitation(parts: {
  intro: string;
  details?: string[];
  joinUrl: string;
  meetingId: string;
  passcode: string | null;
  footer?: string[];
}): string {
  const pwd = parts.passcode ? `?pwd=${encodeURIComponent(parts.passcode)}` : "";
  return [
    parts.intro,
    "",
    ...(parts.details?.length ? [...parts.details, ""] : []),
    `Join: ${parts.joinUrl}${pwd}`,
    `Meeting ID: ${parts.meetingId}`,
    parts.passcode ? `Passcode: ${parts.passcode}` : NO_PASSCODE_LINE,
    ...(parts.footer?.length ? ["", ...parts.footer] : []),
  ].join("\n");
}

/** A personal room's invitation: its link, its PMI and its passcode. */
export function roomInvitation(room: {
  host: string;
  origin: string;
  pmi: string;
  link: string;
  passcode: string | null;
}) {
  return composeInvitation({
    intro: `${room.host} is inviting you to a meeting in their personal room.`,
    joinUrl: `${room.origin}/my/${room.link}`,
    meetingId: formatPmi(room.pmi),
    passcode: room.passcode,
    footer: [`Or open ${room.origin}/j/${room.pmi} and enter the meeting ID and passcode.`],
  });
}
