import type { Metadata } from "next";
import Link from "next/link";
import { describeRecurrence, formatInZone } from "@/lib/meetings/time";
import { invitationText, joinUrl } from "@/lib/meetings/calendar";
import { siteOrigin } from "@/lib/server/site";
import { CopyText } from "@/app/_components/copy-text";
import { UserBar } from "@/app/_components/user-bar";
import { HostPanel } from "../../_components/host-panel";
import { DeleteMeeting } from "../delete-meeting";
import { ownMeeting } from "./load";

export const metadata: Metadata = { title: "Meeting" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ scheduled?: string; saved?: string }> };

export default async function MeetingPage({ params, searchParams }: Props) {
  const { user, meeting } = await ownMeeting((await params).id);
  const { scheduled, saved } = await searchParams;
  const origin = await siteOrigin();
  const when = formatInZone(meeting.next ?? meeting.startsAt, meeting.timeZone);
  const invitation = invitationText(meeting, user.name, origin, `${when} (${describeRecurrence(meeting.recurrence)})`);
  const passcode = meeting.usesPmi ? meeting.room.passcode : meeting.passcode;

  return (
    <div className="max-w-3xl space-y-6">
      <UserBar user={user} />
      <p className="text-sm">
        <Link href="/meetings">← All meetings</Link>
      </p>
      {scheduled === "1" || saved === "1" ? (
        <p role="status" className="rounded-md bg-green-50 p-3 text-green-900">
          {scheduled === "1" ? "Meeting scheduled." : "Changes saved."}
        </p>
      ) : null}
      <h1 className="text-3xl font-bold">{meeting.title}</h1>
      {meeting.usesPmi && meeting.recurrence ? (
        <p className="rounded-md border border-amber-500 bg-amber-50 p-3 text-sm">
          This recurring meeting uses your Personal Meeting ID, which every other meeting in your room shares.{" "}
          <Link href="/help/faq/should-i-use-my-pmi-for-class-sessions">
            Should I use my Personal Meeting ID for class sessions?
          </Link>
        </p>
      ) : null}
      <dl className="grid gap-x-4 gap-y-2 rounded-md border border-slate-200 p-4 sm:grid-cols-[12rem_1fr]">
        <dt className="font-medium">{meeting.next ? "Next" : "Was"}</dt>
        <dd>
          <time dateTime={(meeting.next ?? meeting.startsAt).toISOString()}>{when}</time>
        </dd>
        <dt className="font-medium">Repeats</dt>
        <dd>{describeRecurrence(meeting.recurrence)}</dd>
        <dt className="font-medium">Duration</dt>
        <dd>{meeting.durationMinutes} minutes</dd>
        <dt className="font-medium">Time zone</dt>
        <dd>{meeting.timeZone}</dd>
        <dt className="font-medium">{meeting.usesPmi ? "Personal Meeting ID" : "Meeting ID"}</dt>
        <dd data-testid="meeting-id">{meeting.joinIdFormatted}</dd>
        <dt className="font-medium">Join link</dt>
        <dd className="break-all">{joinUrl(meeting, origin)}</dd>
        <dt className="font-medium">Passcode</dt>
        <dd>{passcode ?? "None (guests wait in the waiting room)"}</dd>
        <dt className="font-medium">Waiting room</dt>
        <dd>{(meeting.usesPmi ? meeting.room.waitingRoom : meeting.waitingRoom) ? "On" : "Off"}</dd>
      </dl>
      {meeting.usesPmi ? (
        <p className="text-sm text-slate-700">
          This meeting runs in your personal room: start it and admit guests from <Link href="/room">My room</Link>.
        </p>
      ) : (
        <HostPanel liveKey={`meeting:${meeting.id}`} title="Run this meeting" />
      )}
      <section aria-labelledby="invite-heading" className="space-y-2">
        <h2 id="invite-heading" className="text-xl font-semibold">
          Invitation
        </h2>
        <div className="flex flex-wrap gap-2">
          <CopyText
            text={invitation}
            label="Copy invitation"
            className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white"
          />
          <a
            href={`/meetings/${meeting.id}/calendar.ics`}
            download
            className="rounded-md border border-slate-400 px-4 py-2 no-underline"
          >
            Download calendar file (.ics)
          </a>
        </div>
        <label htmlFor="invitation" className="sr-only">
          Invitation text
        </label>
        <textarea
          id="invitation"
          readOnly
          rows={8}
          value={invitation}
          className="block w-full rounded-md border border-slate-300 p-2 font-mono text-sm"
        />
      </section>
      <div className="flex flex-wrap items-start gap-4">
        <Link
          href={`/meetings/${meeting.id}/edit`}
          className="rounded-md border border-slate-400 px-4 py-2 no-underline"
        >
          Edit meeting
        </Link>
        <DeleteMeeting meeting={meeting.id} />
      </div>
    </div>
  );
}
