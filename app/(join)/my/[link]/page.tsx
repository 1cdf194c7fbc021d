import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { db } from "@/db";
import { roomByLink } from "@/lib/room-service";
import { userById } from "@/lib/users";

export const metadata: Metadata = { title: "Join a meeting", robots: { index: false } };

export default async function JoinByLink({ params }: { params: Promise<{ link: string }> }) {
  const link = decodeURIComponent((await params).link).slice(0, 60);
  const room = roomByLink(db(), link);
  const host = room ? userById(db(), room.userId) : undefined;
  if (!room || !host) notFound();
  return (
    <div className="space-y-2">
      <h1 className="text-2xl font-bold">{host.name}&apos;s personal room</h1>
    </div>
  );
}
