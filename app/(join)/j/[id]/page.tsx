import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { db } from "@/db";
import { roomByPmi } from "@/lib/room-service";
import { userById } from "@/lib/users";
import { formatPmi, normalizePmi } from "@/lib/validation/pmi";

export const metadata: Metadata = { title: "Join a meeting", robots: { index: false } };

export default async function JoinById({ params }: { params: Promise<{ id: string }> }) {
  const id = normalizePmi(decodeURIComponent((await params).id)).slice(0, 20);
  const room = /^\d{10}$/.test(id) ? roomByPmi(db(), id) : undefined;
  const host = room ? userById(db(), room.userId) : undefined;
  if (!room || !host) notFound();
  return (
    <div className="space-y-2">
      <h1 className="text-2xl font-bold">{host.name}&apos;s personal room</h1>
      <p>Meeting ID {formatPmi(room.pmi)}</p>
    </div>
  );
}
