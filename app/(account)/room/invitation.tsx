import { formatPmi } from "@/lib/validation/pmi";
import { CopyText } from "@/app/_components/copy-text";

export function invitationText({
  host,
  origin,
  pmi,
  link,
  passcode,
}: {
  host: string;
  origin: string;
  pmi: string;
  link: string;
  passcode: string | null;
}) {
  const pwd = passcode ? `?pwd=${encodeURIComponent(passcode)}` : "";
  return [
    `${host} is inviting you to a meeting in their personal room.`,
    "",
    `Join: ${origin}/my/${link}${pwd}`,
    `Meeting ID: ${formatPmi(pmi)}`,
    passcode ? `Passcode: ${passcode}` : "No passcode: the host admits you from the waiting room.",
    "",
    `Or open ${origin}/j/${pmi} and enter the meeting ID and passcode.`,
  ].join("\n");
}

/** "Copy invitation": the join link, the PMI and the passcode, ready to paste; selectable without JavaScript. */
export function Invitation(props: Parameters<typeof invitationText>[0]) {
  const text = invitationText(props);
  return (
    <div className="space-y-2">
      <CopyText
        text={text}
        label="Copy invitation"
        className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white"
      />
      <details>
        <summary className="cursor-pointer text-sm">Show the invitation</summary>
        <label htmlFor="invitation-text" className="sr-only">
          Invitation text
        </label>
        <textarea
          id="invitation-text"
          readOnly
          rows={7}
          value={text}
          className="mt-2 block w-full rounded-md border border-slate-300 p-2 font-mono text-sm"
        />
      </details>
    </div>
  );
}
