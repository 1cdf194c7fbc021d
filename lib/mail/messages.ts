import type { MailKind, RoomChange } from "@/db/schema";

// What each kind of notice carries. The outbox stores it as JSON and lib/mail/templates.ts renders it at
// delivery, so the notices of a burst become one message.
type Payloads = {
  "room-changed": { changes: RoomChange[] };
  "passcode-changed": { meeting?: string };
  "room-secured": { by: "owner" | "support" };
  "password-changed": Record<string, never>;
  "new-sign-in": { at: string; client?: string };
  "answer-sent": { subject: string };
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
  return { ...message, payload: { changes } };
}
