import { hostView, liveFingerprint } from "@/lib/join/queries";
import { LiveRefresh } from "@/app/_components/live-refresh";
import { HostButton } from "./host-controls";

/** The host's side of a meeting: start and end it, lock it, and admit or remove guests, live. */
export async function HostPanel({ liveKey, title }: { liveKey: string; title: string }) {
  const live = await hostView(liveKey);
  if (!live) return null;
  return (
    <section aria-labelledby={`${liveKey}-live`} className="space-y-3 rounded-md border border-slate-300 p-4">
      <LiveRefresh
        every={3000}
        watch={`/api/live?key=${encodeURIComponent(liveKey)}`}
        version={liveFingerprint(live)}
      />
      <h2 id={`${liveKey}-live`} className="text-xl font-semibold">
        {title}
      </h2>
      <p>
        {live.started ? "Your meeting is in progress." : "Your meeting has not started."}
        {live.locked ? " It is locked: nobody new can join." : ""}
      </p>
      <div className="flex flex-wrap gap-2">
        {live.started ? (
          <HostButton liveKey={liveKey} op="end" label="End meeting" />
        ) : (
          <HostButton liveKey={liveKey} op="start" label="Start meeting" primary />
        )}
        {live.locked ? (
          <HostButton liveKey={liveKey} op="unlock" label="Unlock meeting" />
        ) : (
          <HostButton liveKey={liveKey} op="lock" label="Lock meeting" />
        )}
      </div>
      <div>
        <div className="flex flex-wrap items-center gap-2">
          <h3 className="font-medium">Waiting room ({live.waiting.length})</h3>
          {live.waiting.length > 1 ? (
            <HostButton liveKey={liveKey} op="remove-waiting" label="Remove everyone waiting" />
          ) : null}
        </div>
        {live.waiting.length === 0 ? (
          <p className="text-sm text-slate-700">Nobody is waiting.</p>
        ) : (
          <ul aria-label="Waiting room" className="mt-1 space-y-2">
            {live.waiting.map((guest) => (
              <li key={guest.id} className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{guest.name}</span>
                <HostButton
                  liveKey={liveKey}
                  op="admit"
                  attendee={guest.id}
                  label="Admit"
                  labelFor={guest.name}
                  primary
                />
                <HostButton liveKey={liveKey} op="remove" attendee={guest.id} label="Remove" labelFor={guest.name} />
              </li>
            ))}
          </ul>
        )}
      </div>
      {live.admitted.length > 0 ? (
        <div>
          <h3 className="font-medium">In the meeting ({live.admitted.length})</h3>
          <ul aria-label="In the meeting" className="mt-1 space-y-2">
            {live.admitted.map((guest) => (
              <li key={guest.id} className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{guest.name}</span>
                <HostButton liveKey={liveKey} op="remove" attendee={guest.id} label="Remove" labelFor={guest.name} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
