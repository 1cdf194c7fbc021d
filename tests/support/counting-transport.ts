import type { MailTransport } from "@/lib/mail/transport";

/**
 * A transport for the outbox claim tests that only tells what it was given to send, after a turn of the event
 * loop between claim and mark, as a real send has, so that senders running at once overlap.
 */
export function countingTransport(onSend: (outboxId: number) => void): MailTransport {
  return {
    send: async (mail) => {
      await new Promise((resolve) => setImmediate(resolve));
      onSend(mail.id);
    },
    close: () => undefined,
  };
}
