import Link from "next/link";
import type { Found } from "@/lib/support/service";
import { bestPracticeFlags } from "@/lib/support/flags";
import { formatPmi } from "@/lib/validation/pmi";
import { RoomHistory } from "@/app/_components/room-history";
import type { HistoryEntry } from "@/lib/room/queries";
import { describeEntry } from "@/lib/room/history";
import type { MailItem } from "@/lib/support/mail-view";
import { MailList } from "./mail-list";
import { SecureUserRoom } from "./secure-user-room";

/** What support may see of a room: never the passcode itself, only whether there is one. */
/** "Password", "Single sign-on", or both: what to suggest when someone cannot sign in. */
function signInText({ password, sso }: { password: boolean; sso: boolean }): string {
  if (password && sso) return "Password and single sign-on";
  if (sso) return "Single sign-on only (no password here)";
  return password ? "Password" : "None yet";
}

export function UserCard({
  found,
  history,
  origin,
  viewerId,
  signIn,
  mail,
}: {
  found: Found;
  history: HistoryEntry[];
  origin: string;
  viewerId: number;
  signIn: { password: boolean; sso: boolean };
  mail: MailItem[];
}) {
  const { user, room } = found;
  const flags = bestPracticeFlags(room);
  return (
    <article aria-labelledby="found-name" className="space-y-4 rounded-md border border-slate-300 p-4">
      <h3 id="found-name" className="text-lg font-semibold">
        {user.name}
      </h3>
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[12rem_1fr]">
        <dt className="font-medium">Email</dt>
        <dd>{user.email}</dd>
        <dt className="font-medium">Signs in with</dt>
        <dd data-testid="found-sign-in">{signInText(signIn)}</dd>
        <dt className="font-medium">Personal Meeting ID</dt>
        <dd data-testid="found-pmi">{formatPmi(room.pmi)}</dd>
        <dt className="font-medium">Personal link</dt>
        <dd className="break-all">
          {origin}/my/{room.link}
        </dd>
        <dt className="font-medium">Passcode</dt>
        <dd data-testid="found-passcode">{room.passcode ? "Set" : "Not set"}</dd>
        <dt className="font-medium">Join before host</dt>
        <dd>{room.joinBeforeHost ? "On" : "Off"}</dd>
        <dt className="font-medium">Waiting room</dt>
        <dd>{room.waitingRoom ? "On" : "Off"}</dd>
      </dl>
      {flags.length > 0 ? (
        <ul aria-label="Best-practice warnings" className="space-y-2">
          {flags.map((f) => (
            <li key={f.message} className="rounded-md border border-amber-500 bg-amber-50 p-2 text-sm">
              {f.message} <Link href={f.help}>{f.helpLabel}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-green-900">Room settings follow the best practices.</p>
      )}
      <SecureUserRoom userId={user.id} name={user.name} />
      <section aria-labelledby="found-history" className="space-y-2">
        <h4 id="found-history" className="font-semibold">
          Recent changes
        </h4>
        <RoomHistory entries={history.map((entry) => describeEntry(entry, viewerId))} />
      </section>
      <section aria-labelledby="found-answers" className="space-y-2">
        <h4 id="found-answers" className="font-semibold">
          Answers sent
        </h4>
        <MailList
          items={mail.filter((item) => item.answer)}
          label={`Answers sent to ${user.name}`}
          empty="No answers sent yet."
        />
      </section>
      <section aria-labelledby="found-failed" className="space-y-2">
        <h4 id="found-failed" className="font-semibold">
          Undelivered messages
        </h4>
        <MailList
          items={mail.filter((item) => item.state === "failed")}
          label={`Undelivered messages to ${user.name}`}
          empty="None: every message to this user was delivered or is on its way."
        />
      </section>
    </article>
  );
}
