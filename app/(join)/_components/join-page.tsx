import { cookies } from "next/headers";
import { joinPath, normalizeRequested, type JoinKind } from "@/lib/join/requested";
import { guestView } from "@/lib/join/queries";
import { GUEST_COOKIE } from "@/lib/join/route";
import { formatMeetingId } from "@/lib/validation/meeting";
import { PASSCODE_MAX } from "@/lib/validation/limits";
import { GUEST_NAME_MAX, GUEST_NAME_MESSAGE } from "@/lib/validation/text";
import { formatPmi } from "@/lib/validation/pmi";
import { LiveRefresh } from "@/app/_components/live-refresh";

type Search = { error?: string; name?: string; pwd?: string };

const ERRORS: Record<string, string> = {
  check: "Check the meeting ID and passcode.",
  name: GUEST_NAME_MESSAGE,
  full: "The waiting room is full. Try again in a few minutes.",
  locked: "The host has locked this meeting: nobody new can join.",
};

function label(kind: JoinKind, raw: string): string {
  const value = normalizeRequested(kind, raw);
  if (kind === "link") return `Personal link ${value}`;
  return `Meeting ID ${/^\d{11}$/.test(value) ? formatMeetingId(value) : formatPmi(value)}`;
}

/**
 * The same join form for every ID or link, known or not, until the browser has got past the passcode;
 * after that, where its guest stands (waiting room, waiting for the host, in, removed), kept live.
 */
const text = (value: unknown) => (typeof value === "string" ? value : undefined);

export async function JoinPage({ kind, raw, search: query }: { kind: JoinKind; raw: string; search: Search }) {
  const search = { error: text(query.error), name: text(query.name), pwd: text(query.pwd) };
  const token = (await cookies()).get(GUEST_COOKIE)?.value;
  const guest = await guestView(kind, raw, token);
  const base = joinPath(kind, raw);

  if (guest) {
    const { target, state } = guest;
    const words = {
      "waiting-room": {
        title: "Waiting for the host to let you in",
        body: `You are in the waiting room of ${target.title}. The host can see you're here.`,
      },
      "waiting-host": {
        title: "Waiting for the host to start this meeting",
        body: `${target.title} starts when ${target.hostName} arrives. This page updates by itself.`,
      },
      in: { title: `You're in ${target.hostName}'s meeting`, body: `${target.title} is in progress.` },
      removed: {
        title: "The host removed you from this meeting",
        body: "You can't join this meeting again from this browser session.",
      },
    }[state];
    return (
      <div className="mx-auto max-w-xl space-y-3" aria-live="polite">
        <h1 className="text-2xl font-bold">{words.title}</h1>
        <p>{words.body}</p>
        {state === "waiting-room" || state === "waiting-host" ? (
          <>
            <LiveRefresh />
            <noscript>
              <p>Reload this page to see whether you can come in.</p>
            </noscript>
          </>
        ) : null}
      </div>
    );
  }

  const error = search.error ? ERRORS[search.error] : undefined;
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">Join a meeting</h1>
      <p className="text-slate-700">{label(kind, raw)}</p>
      {error ? (
        <p role="alert" id="join-error" className="rounded-md bg-red-50 p-3 text-red-900">
          {error}
        </p>
      ) : null}
      <form method="post" action={`${base}/join`} className="space-y-4">
        <div className="space-y-1">
          <label htmlFor="name" className="block font-medium">
            Your name
          </label>
          <input
            id="name"
            name="name"
            required
            maxLength={GUEST_NAME_MAX}
            autoComplete="name"
            defaultValue={search.name?.slice(0, GUEST_NAME_MAX) ?? ""}
            aria-invalid={search.error === "name" || undefined}
            aria-describedby={error ? "join-error" : undefined}
            className="block w-full rounded-md border border-slate-400 px-3 py-2"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="passcode" className="block font-medium">
            Passcode
          </label>
          <input
            id="passcode"
            name="passcode"
            autoComplete="off"
            spellCheck={false}
            maxLength={PASSCODE_MAX}
            defaultValue={search.pwd?.slice(0, PASSCODE_MAX) ?? ""}
            aria-describedby="passcode-hint"
            className="block w-full rounded-md border border-slate-400 px-3 py-2"
          />
          <p id="passcode-hint" className="text-sm text-slate-600">
            From your invitation. Leave it empty if the meeting has none.
          </p>
        </div>
        <button type="submit" className="rounded-md bg-brand-700 px-5 py-2 font-medium text-white">
          Join
        </button>
      </form>
    </div>
  );
}
