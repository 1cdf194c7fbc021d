import { roomInvitation } from "@/lib/room/invitation";
import { CopyText } from "@/app/_components/copy-text";

/** "Copy invitation": the join link, the PMI and the passcode, ready to paste; selectable without JavaScript. */
export function Invitation(props: Parameters<typeof roomInvitation>[0]) {
  const text = roomInvitation(props);
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
