import "server-only";
import type { Db } from "@/db";
import { withTransaction } from "@/db/transaction";
import { helpVotes } from "@/db/schema";

type Vote = { page: string; visitor: string; day: string; helpful: boolean };

/** One answer per visitor, page and day: a second answer the same day replaces the first. */
export async function recordVote(db: Db, vote: Vote): Promise<void> {
  await withTransaction(db, (tx) =>
    tx
      .insert(helpVotes)
      .values(vote)
      .onConflictDoUpdate({
        target: [helpVotes.page, helpVotes.visitor, helpVotes.day],
        set: { helpful: vote.helpful, at: new Date() },
      }),
  );
}
