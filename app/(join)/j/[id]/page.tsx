import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { meetings } from "@/db/schema";
import { formatMeetingId } from "@/lib/validation/meeting";
import { roomByPmi } from "@/lib/room-service";
import { userById } from "@/lib/users";
import { formatPmi, normalizePmi } from "@/lib/validation/pmi";

export const metadata: Metadata = { title: "Join a meeting", robots: { index: false } };

export default async function JoinById({ params }: { params: Promise<{ id: string }> }) {
  const id = normalizePmi(decodeURIComponent((await params).id)).slice(0, 20);
  const room = /^\d{10}$/.test(id) ? roomByPmi(db(), id) : undefined;
  const meeting = /^\d{11}$/.test(id) ? db().select().from(meetings).where(eq(meetings.meetingId, id)).get() : undefined;
  const host = room ? userById(db(), room.userId) : meeting ? userById(db(), meeting.userId) : undefined;
  if (!host) notFound();
  return (
    <div className="space-y-2">
      <h1 className="text-2xl font-bold">{meeting ? meeting.title : `${host.name}'s personal room`}</h1>
      <p>Meeting ID {meeting ? formatMeetingId(id) : formatPmi(id)}</p>
    </div>
  );
}
