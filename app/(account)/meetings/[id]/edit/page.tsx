import type { Metadata } from "next";
import { editMeeting } from "@/lib/meetings/actions";
import { formatPmi } from "@/lib/validation/pmi";
import { formatMeetingId } from "@/lib/validation/meeting";
import { UserBar } from "@/app/_components/user-bar";
import { editMeetingDefaults, timeZones } from "../../defaults";
import { MeetingForm } from "../../meeting-form";
import { ownMeeting } from "../load";

export const metadata: Metadata = { title: "Edit meeting" };

export default async function EditMeetingPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, meeting } = await ownMeeting((await params).id);
  return (
    <div className="space-y-6">
      <UserBar user={user} />
      <h1 className="text-3xl font-bold">Edit “{meeting.title}”</h1>
      {meeting.meetingId ? (
        <p className="text-slate-700">Meeting ID {formatMeetingId(meeting.meetingId)} stays the same.</p>
      ) : null}
      <MeetingForm
        action={editMeeting}
        defaults={editMeetingDefaults(meeting)}
        zones={timeZones()}
        pmiFormatted={formatPmi(meeting.room.pmi)}
        submitLabel="Save changes"
      />
    </div>
  );
}
