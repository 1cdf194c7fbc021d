import type { LoadSpec } from "./load";

/** Per owner (by the index of their session): requests sent, requests answered, answers saying it was saved. */
export type Tally = { sent: number[]; answered: number[]; saved: number[] };

export const newTally = (): Tally => ({ sent: [], answered: [], saved: [] });

const bump = (list: number[], i: number) => (list[i] = (list[i] ?? 0) + 1);

/**
 * A load whose every request and answer is counted for the owner whose session it carries (`cookies[i]` is
 * owner i). Only answers `saved` accepts count as saves.
 */
export function counted(spec: LoadSpec, cookies: string[], tally: Tally, saved: (body: string) => boolean): LoadSpec {
  const owners = new Map(cookies.map((cookie, i) => [cookie, i]));
  const next = spec.next;
  if (!next) throw new Error("a counted load needs a next() that picks each request's session");
  return {
    ...spec,
    next: (req, context) => {
      const sent = next(req, context);
      const owner = owners.get(sent.headers?.cookie ?? "");
      if (owner === undefined) throw new Error("a request went out without one of the counted sessions");
      context.owner = owner;
      bump(tally.sent, owner);
      return sent;
    },
    verify: saved,
    answered: (ok, context) => {
      const owner = context.owner as number;
      bump(tally.answered, owner);
      if (ok) bump(tally.saved, owner);
    },
  };
}

export type Accounted = {
  lost: number;
  doubled: number;
  sent: number;
  answered: number;
  saved: number;
  entries: number;
};

/**
 * Writes answered against the history entries they left, owner by owner (`entries[i]`: entries owner i's room
 * gained). Fewer entries than saves answered is a lost update; more entries than requests sent is a doubled
 * one. A request cut off when its run ended, or answered with an error, may or may not have saved: either is
 * allowed. Owner by owner, so one owner's loss cannot hide behind another's extra entry.
 */
export function account(tally: Tally, entries: number[]): Accounted {
  const total: Accounted = { lost: 0, doubled: 0, sent: 0, answered: 0, saved: 0, entries: 0 };
  entries.forEach((made, i) => {
    const [sent, answered, saved] = [tally.sent[i] ?? 0, tally.answered[i] ?? 0, tally.saved[i] ?? 0];
    total.lost += Math.max(0, saved - made);
    total.doubled += Math.max(0, made - sent);
    total.sent += sent;
    total.answered += answered;
    total.saved += saved;
    total.entries += made;
  });
  return total;
}
