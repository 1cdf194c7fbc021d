import { currentUser } from "@/lib/auth";
import { meetingCalendar } from "@/lib/meetings/calendar";
import { myMeeting } from "@/lib/meetings/queries";
import { siteOrigin } from "@/lib/server/site";

// The meeting as an RFC 5545 file. Same gate as the page: only the owner, and a 404 for anyone else.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await currentUser();
  const meeting = user ? await myMeeting((await params).id) : null;
  if (!user || !meeting) return new Response("Not found", { status: 404 });
  const body = meetingCalendar(meeting, user.name, await siteOrigin());
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="meeting-${meeting.id}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
