import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth";
import { myRoom, myRoomHistory, securedByName } from "@/lib/room/queries";
import { siteOrigin } from "@/lib/server/site";
import { formatPmi } from "@/lib/validation/pmi";
import { UserBar } from "@/app/_components/user-bar";
import { HostPanel } from "../_components/host-panel";
import { CopyText } from "@/app/_components/copy-text";
import { RoomHistory } from "@/app/_components/room-history";
import { IdentityForm } from "./identity-form";
import { Invitation } from "./invitation";
import { SecureRoom } from "./secure-room";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "My room" };

const when = new Intl.DateTimeFormat("en", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

export default async function RoomPage({ searchParams }: { searchParams: Promise<{ secured?: string }> }) {
  const user = await requireUser();
  const [room, history, origin, { secured }] = await Promise.all([
    myRoom(),
    myRoomHistory(),
    siteOrigin(),
    searchParams,
  ]);
  const joinUrl = `${origin}/my/${room.link}`;
  const securedBy = await securedByName(room);

  return (
    <div className="max-w-3xl space-y-10">
      <UserBar user={user} />
      <div className="space-y-3">
        <h1 className="text-3xl font-bold">My room</h1>
        {secured === "1" ? (
          <p role="status" className="rounded-md bg-green-50 p-3 text-green-900">
            Your room is secured. The new Personal Meeting ID, link and passcode are below; send them only to the people
            you want to meet.
          </p>
        ) : null}
        {room.securedAt && securedBy ? (
          <p className="rounded-md border border-amber-500 bg-amber-50 p-3">
            Support ({securedBy}) secured your room on{" "}
            <time dateTime={room.securedAt.toISOString()}>{when.format(room.securedAt)} UTC</time>: your Personal
            Meeting ID, link and passcode were replaced, and the waiting room is on.
          </p>
        ) : null}
        <dl className="grid gap-x-4 gap-y-2 rounded-md border border-slate-200 p-4 sm:grid-cols-[12rem_1fr]">
          <dt className="font-medium">Personal Meeting ID</dt>
          <dd data-testid="pmi">{formatPmi(room.pmi)}</dd>
          <dt className="font-medium">Personal link</dt>
          <dd className="flex flex-wrap items-center gap-2">
            <span data-testid="link">{joinUrl}</span>
            <CopyText text={joinUrl} label="Copy link" />
          </dd>
          <dt className="font-medium">Passcode</dt>
          <dd>{room.passcode ? "Set" : "None (guests wait in the waiting room)"}</dd>
        </dl>
        <Invitation host={user.name} origin={origin} pmi={room.pmi} link={room.link} passcode={room.passcode} />
      </div>

      <HostPanel liveKey={`room:${room.id}`} title="Meet in your room now" />

      <section aria-labelledby="identity-heading" className="space-y-3">
        <h2 id="identity-heading" className="text-xl font-semibold">
          Meeting ID and link
        </h2>
        <IdentityForm pmi={room.pmi} pmiFormatted={formatPmi(room.pmi)} link={room.link} origin={origin} />
      </section>

      <section aria-labelledby="settings-heading" className="space-y-3">
        <h2 id="settings-heading" className="text-xl font-semibold">
          Passcode and waiting room
        </h2>
        <SettingsForm passcode={room.passcode} joinBeforeHost={room.joinBeforeHost} waitingRoom={room.waitingRoom} />
      </section>

      <section aria-labelledby="secure-heading" className="space-y-3">
        <h2 id="secure-heading" className="text-xl font-semibold">
          Someone got in uninvited?
        </h2>
        <p className="text-sm text-slate-700">
          One step replaces everything an intruder could know.{" "}
          <Link href="/help/faq/what-should-i-do-if-someone-intrudes">What to do after an intrusion</Link>
        </p>
        <SecureRoom />
      </section>

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-xl font-semibold">
          Recent changes
        </h2>
        <RoomHistory entries={history} viewerId={user.id} />
      </section>
    </div>
  );
}
