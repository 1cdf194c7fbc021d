import "server-only";
import type { Db } from "@/db";
import { withTransaction } from "@/db/transaction";
import { answerByPath } from "@/lib/help/answers";
import { notifyUser } from "@/lib/mail/outbox";
import { env } from "@/lib/server/env";
import { limitKey, release, reserve, waitInWords, type Limit } from "@/lib/server/rate-limit";
import type { SendAnswerInput } from "@/lib/validation/support";
import { findUser, logAccess } from "./service";

export type SendOutcome =
  | { ok: true; title: string; to: { name: string; email: string } }
  | { ok: false; field?: "answer" | "user"; message: string };

export function sendLimit(): Limit {
  const e = env();
  return { name: "support-send", points: e.SUPPORT_SEND_LIMIT, seconds: e.SUPPORT_SEND_WINDOW_SECONDS };
}

const per = (seconds: number) => (seconds === 3600 ? "an hour" : `per ${waitInWords(seconds * 1000)}`);

/**
 * "Send to a user": mails a published help answer to the account `input.user` finds, with the note and the
 * name of the support person who sent it. The answer's title, first paragraph and permanent path come from the
 * help content, looked up from its path here, never from the form. The message and the access-log entry are
 * written in one transaction; each send counts against the sender's limit, given back if the send fails.
 */
export async function sendAnswer(
  db: Db,
  staff: { id: number; name: string },
  input: SendAnswerInput,
  { limit = sendLimit() }: { limit?: Limit } = {},
): Promise<SendOutcome> {
  const answer = answerByPath(input.answer);
  if (!answer)
    return { ok: false, field: "answer", message: "That is not a published answer: search again and pick one." };
  const found = await findUser(db, input.user);
  if (!found) {
    // A miss is a look-up like any other, and every look-up is on the record, found or not.
    await logAccess(db, { supportUserId: staff.id, targetUserId: null, query: input.user });
    return { ok: false, field: "user", message: `No account matches “${input.user}”.` };
  }
  const attempt = await reserve(db, [{ limit, key: limitKey(String(staff.id)) }]);
  if (attempt.wait > 0) {
    return {
      ok: false,
      message:
        `Nothing was sent: you have reached the limit of ${limit.points} answers ${per(limit.seconds)}. ` +
        `Try again in ${waitInWords(attempt.wait)}.`,
    };
  }
  try {
    const queued = await withTransaction(db, async (tx) => {
      const payload = {
        ...answer,
        ...(input.note ? { note: input.note } : {}),
        sentBy: { id: staff.id, name: staff.name },
      };
      // The address as it is now, in this transaction; an account deleted since the look-up gets nothing.
      if ((await notifyUser(tx, found.user.id, { kind: "answer-sent", payload })) === null) return false;
      // What was sent, by its path: the outbox row may not be kept for ever, the log is.
      await logAccess(tx, { supportUserId: staff.id, targetUserId: found.user.id, query: answer.path, action: "send" });
      return true;
    });
    if (!queued) {
      await release(db, attempt);
      return { ok: false, field: "user", message: `No account matches “${input.user}”.` };
    }
  } catch (error) {
    await release(db, attempt);
    throw error;
  }
  return { ok: true, title: answer.title, to: { name: found.user.name, email: found.user.email } };
}
