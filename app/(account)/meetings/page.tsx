import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth";
import { describeRecurrence, formatInZone } from "@/lib/meetings/time";
import type { MeetingView } from "@/lib/meetings/calendar";
import { myMeetings } from "@/lib/meetings/queries";
import { UserBar } from "@/app/_components/user-bar";

export const metadata: Metadata = { title: "Meetings" };

function MeetingItem({ meeting, when }: { meeting: MeetingView; when: Date }) {
  return (
    <li className="rounded-md border border-slate-200 p-4">
      <Link href={`/meetings/${meeting.id}`} className="text-lg font-medium">
        {meeting.title}
      </Link>
      <p className="text-sm text-slate-700">
        <time dateTime={when.toISOString()}>{formatInZone(when, meeting.timeZone)}</time>
        {` · ${meeting.durationMinutes} min · ${describeRecurrence(meeting.recurrence)}`}
      </p>
      <p className="text-sm text-slate-700">
        {meeting.usesPmi ? "Personal Meeting ID" : "Meeting ID"}{" "}
        <span data-testid="meeting-id">{meeting.joinIdFormatted}</span>
      </p>
    </li>
  );
}

export default async function MeetingsPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const user = await requireUser();
  const { upcoming, past } = await myMeetings();
  const { deleted } = await searchParams;
  return (
    <div className="max-w-3xl space-y-8">
      <UserBar user={user} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">Meetings</h1>
        <Link href="/meetings/new" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white no-underline">
          Schedule a meeting
        </Link>
      </div>
      {deleted === "1" ? (
        <p role="status" className="rounded-md bg-green-50 p-3 text-green-900">
          Meeting deleted.
        </p>
      ) : null}
      <section aria-labelledby="upcoming-heading" className="space-y-3">
        <h2 id="upcoming-heading" className="text-xl font-semibold">
          Upcoming
        </h2>
        {upcoming.length === 0 ? (
          <p className="text-slate-700">
            Nothing scheduled. Your personal room is always open; schedule a meeting for anything with a fixed time.
          </p>
        ) : (
          <ol aria-labelledby="upcoming-heading" className="space-y-3">
            {upcoming.map((m) => (
              <MeetingItem key={m.id} meeting={m} when={m.next!} />
            ))}
          </ol>
        )}
      </section>
      {past.length > 0 ? (
        <section aria-labelledby="past-heading" className="space-y-3">
          <h2 id="past-heading" className="text-xl font-semibold">
            Past
          </h2>
          <ol aria-labelledby="past-heading" className="space-y-3">
            {past.map((m) => (
              <MeetingItem key={m.id} meeting={m} when={m.startsAt} />
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
