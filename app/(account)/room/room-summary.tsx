"use client";
import { CopyText } from "@/app/_components/copy-text";
import { RoomHistory } from "@/app/_components/room-history";
import { formatPmi } from "@/lib/validation/pmi";
import { useRoom } from "./room-state";

/** The room at a glance: its ID, link and whether it has a passcode, with the link and invitation to copy. */
export function RoomSummary() {
  const { room } = useRoom();
  return (
    <>
      <dl className="grid gap-x-4 gap-y-2 rounded-md border border-slate-200 p-4 sm:grid-cols-[12rem_1fr]">
        <dt className="font-medium">Personal Meeting ID</dt>
        <dd data-testid="pmi">{formatPmi(room.pmi)}</dd>
        <dt className="font-medium">Personal link</dt>
        <dd className="flex flex-wrap items-center gap-2">
          <span data-testid="link">{room.joinUrl}</span>
          <CopyText text={room.joinUrl} label="Copy link" />
        </dd>
        <dt className="font-medium">Passcode</dt>
        <dd>{room.passcode ? "Set" : "None (guests wait in the waiting room)"}</dd>
      </dl>
      <Invitation text={room.invitation} />
    </>
  );
}

/** "Copy invitation": the join link, the PMI and the passcode, ready to paste; selectable without JavaScript. */
function Invitation({ text }: { text: string }) {
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

export function RecentChanges() {
  return <RoomHistory entries={useRoom().history} />;
}
