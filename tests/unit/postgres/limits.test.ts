import { afterEach, describe, expect, it } from "vitest";
import { closeDatabase, openPostgres, type Db } from "@/db";
import { limitKey, reserve, type Counted } from "@/lib/server/rate-limit";
import { tempServerDatabase } from "../../support/temp-pg";

const opened: Db[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map(closeDatabase));
});

describe("limits on PostgreSQL with several servers", () => {
  it("a burst of guesses spread over three servers' pools gets exactly the limit through", async () => {
    const { db, url } = await tempServerDatabase(8);
    const servers = [db, openPostgres(url, 8), openPostgres(url, 8)];
    opened.push(...servers);
    const c: Counted = { limit: { name: "signin-a", points: 7, seconds: 600 }, key: limitKey("ada@example.edu") };
    const results = await Promise.all(Array.from({ length: 48 }, (_, i) => reserve(servers[i % 3]!, [c])));
    expect(results.filter((r) => r.wait === 0)).toHaveLength(7);
    expect(results.filter((r) => r.wait > 0).every((r) => r.wait > 590_000)).toBe(true);
  });
});
