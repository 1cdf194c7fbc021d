import type { Metadata } from "next";
import { scheduleMeeting } from "@/lib/meetings/actions";
import { requireUser } from "@/lib/auth";
import { myLastTimeZone } from "@/lib/meetings/queries";
import { myRoom } from "@/lib/room/queries";
import { formatPmi } from "@/lib/validation/pmi";
import { UserBar } from "@/app/_components/user-bar";
import { newMeetingDefaults, timeZones } from "../defaults";
import { MeetingForm } from "../meeting-form";

export const metadata: Metadata = { title: "Schedule a meeting" };

export default async function NewMeetingPage() {
  const user = await requireUser();
  const room = await myRoom();
  return (
    <div className="space-y-6">
      <UserBar user={user} />
      <h1 className="text-3xl font-bold">Schedule a meeting</h1>
      <MeetingForm
        action={scheduleMeeting}
        defaults={newMeetingDefaults(await myLastTimeZone())}
        zones={timeZones()}
        pmiFormatted={formatPmi(room.pmi)}
        submitLabel="Schedule"
      />
    </div>
  );
}
