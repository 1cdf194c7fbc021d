import type { MailKind, RoomChange } from "@/db/schema";

/** When a change was made, from which address and browser, and by which support person if not by the owner. */
export type Origin = { at: string; address: string; browser: string; support?: string };

/** For a change made outside a request (a script, a test): the notice still goes, saying where is unknown. */
export const originUnknown = (now = new Date()): Origin => ({
  at: now.toISOString(),
  address: "an unknown address",
  browser: "an unknown browser",
});

/** A passcode change as a notice tells it: never the passcode itself. */
export type PasscodeChange = "set" | "changed" | "removed";

// What each kind of message carries. The outbox stores it as JSON and lib/mail/templates.ts renders it at
// delivery, so the notices of a burst become one message.
type Payloads = {
  /** The PMI, personal link, passcode (only whether there is one), join before host or waiting room. */
  "room-changed": { changes: RoomChange[]; origin: Origin };
  /** A scheduled meeting's passcode (`meeting` is its title); the room's is a room change. */
  "passcode-changed": { change: PasscodeChange; meeting: string; origin: Origin };
  "room-secured": { origin: Origin };
  "password-changed": { origin: Origin };
  "new-sign-in": { origin: Origin };
  /** An answer of the help centre that support sent, with its permanent path and who sent it. */
  "answer-sent": {
    title: string;
    excerpt: string;
    path: string;
    note?: string;
    sentBy: { id: number; name: string };
  };
};

/** A kind missing here, or here but not in the outbox's CHECK, fails the typecheck. */
export type MailPayloads = { [K in MailKind]: Payloads[K] };

export type MailMessage = {
  [K in MailKind]: { kind: K; to: string; userId?: number | null; payload: MailPayloads[K] };
}[MailKind];

/** Kinds that wait out the burst window, so several changes in a row arrive as one message. */
export const BURST_KINDS: ReadonlySet<MailKind> = new Set(["room-changed", "passcode-changed"]);

/** A passcode goes into no mail, not even into the outbox: only whether there is one. */
export function withoutSecrets(message: MailMessage): MailMessage {
  if (message.kind !== "room-changed") return message;
  const hide = (value: RoomChange["from"]) =>
    value === undefined ? value : value && value !== "none" ? "set" : "none";
  const changes = message.payload.changes.map((change) =>
    change.field === "passcode" ? { field: change.field, from: hide(change.from), to: hide(change.to) } : change,
  );
  return { ...message, payload: { ...message.payload, changes } };
}

/** How a passcode changed, from the history's "set"/"none" words. */
export function passcodeChange(change: RoomChange): PasscodeChange {
  if (change.from === "none") return "set";
  if (change.to === "none") return "removed";
  return "changed";
}
