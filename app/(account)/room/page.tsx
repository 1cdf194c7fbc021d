import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth";
import { myRoom, myRoomHistory, securedByName } from "@/lib/room/queries";
import { describeEntry } from "@/lib/room/history";
import { roomView } from "@/lib/room/view";
import { siteOrigin } from "@/lib/server/site";
import { UserBar } from "@/app/_components/user-bar";
import { HostPanel } from "../_components/host-panel";
import { IdentityForm } from "./identity-form";
import { RoomStateProvider } from "./room-state";
import { RecentChanges, RoomSummary } from "./room-summary";
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
  const securedBy = await securedByName(room);
  const initial = {
    room: roomView(room, user.name, origin),
    history: history.map((entry) => describeEntry(entry, user.id)),
  };

  return (
    <RoomStateProvider initial={initial} origin={origin}>
      <div className="max-w-3xl space-y-10">
        <UserBar user={user} />
        <div className="space-y-3">
          <h1 className="text-3xl font-bold">My room</h1>
          {secured === "1" ? (
            <p role="status" className="rounded-md bg-green-50 p-3 text-green-900">
              Your room is secured. The new Personal Meeting ID, link and passcode are below; send them only to the
              people you want to meet.
            </p>
          ) : null}
          {room.securedAt && securedBy ? (
            <p className="rounded-md border border-amber-500 bg-amber-50 p-3">
              Support ({securedBy}) secured your room on{" "}
              <time dateTime={room.securedAt.toISOString()}>{when.format(room.securedAt)} UTC</time>: your Personal
              Meeting ID, link and passcode were replaced, and the waiting room is on.
            </p>
          ) : null}
          <RoomSummary />
        </div>

        <HostPanel liveKey={`room:${room.id}`} title="Meet in your room now" />

        <section aria-labelledby="identity-heading" className="space-y-3">
          <h2 id="identity-heading" className="text-xl font-semibold">
            Meeting ID and link
          </h2>
          <IdentityForm />
        </section>

        <section aria-labelledby="settings-heading" className="space-y-3">
          <h2 id="settings-heading" className="text-xl font-semibold">
            Passcode and waiting room
          </h2>
          <SettingsForm />
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
          <RecentChanges />
        </section>
      </div>
    </RoomStateProvider>
  );
}
