import type { Metadata } from "next";
import { requireUser } from "@/lib/auth";
import { myRoom } from "@/lib/queries/room";
import { UserBar } from "@/app/_components/user-bar";
import { formatPmi } from "@/lib/validation/pmi";

export const metadata: Metadata = { title: "My room" };

export default async function RoomPage() {
  const user = await requireUser();
  const room = await myRoom();
  return (
    <div className="space-y-6">
      <UserBar user={user} />
      <h1 className="text-2xl font-bold">My room</h1>
      <dl className="grid gap-2 sm:grid-cols-[12rem_1fr]">
        <dt className="font-medium">Personal Meeting ID</dt>
        <dd data-testid="pmi">{formatPmi(room.pmi)}</dd>
        <dt className="font-medium">Personal link</dt>
        <dd data-testid="link">/my/{room.link}</dd>
      </dl>
    </div>
  );
}
