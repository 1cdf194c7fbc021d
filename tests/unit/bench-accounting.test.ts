import { describe, expect, it } from "vitest";
import { account, counted, newTally } from "@/bench/harness/accounting";
import type { LoadSpec } from "@/bench/harness/load";

const cookies = ["s=a", "s=b"];

/** A load spec that sends its requests with the sessions in turn, as the room update load does. */
function turns(): LoadSpec {
  let n = 0;
  return {
    url: "http://127.0.0.1:1/",
    connections: 1,
    next: (req) => ({ ...req, headers: { ...req.headers, cookie: cookies[n++ % cookies.length]! } }),
  };
}

describe("the bench's count of saves against history entries", () => {
  it("counts each request and answer for the owner whose session it carried", () => {
    const tally = newTally();
    const spec = counted(turns(), cookies, tally, (body) => body === "Saved.");
    const answers = ["Saved.", "Saved.", "error page", undefined];
    for (const answer of answers) {
      const context = {};
      spec.next!({}, context);
      if (answer !== undefined) spec.answered!(spec.verify!(answer), context);
    }
    expect(tally).toEqual({ sent: [2, 2], answered: [2, 1], saved: [1, 1] });
  });

  it("refuses a request that carries none of the counted sessions", () => {
    const spec = counted({ ...turns(), next: (req) => req }, cookies, newTally(), () => true);
    expect(() => spec.next!({}, {})).toThrow(/counted sessions/);
  });

  it("finds nothing wrong when every save left one entry and cut-off requests left one or none", () => {
    const tally = { sent: [5, 4], answered: [4, 4], saved: [4, 3] };
    expect(account(tally, [4, 3])).toMatchObject({ lost: 0, doubled: 0, saved: 7, entries: 7 });
    expect(account(tally, [5, 4])).toMatchObject({ lost: 0, doubled: 0, entries: 9 });
  });

  it("finds a lost save and a doubled one, owner by owner, even when the totals agree", () => {
    const tally = { sent: [3, 3], answered: [3, 3], saved: [3, 3] };
    expect(account(tally, [2, 4])).toMatchObject({ lost: 1, doubled: 1, saved: 6, entries: 6 });
    expect(account(tally, [3, 1])).toMatchObject({ lost: 2, doubled: 0 });
  });
});
