import os from "node:os";

/** How long each part runs. Quick mode only proves every figure can be produced; it never judges speed. */
export type Plan = {
  quick: boolean;
  /** Seconds of load per throughput round, and rounds alternated between the two sides of a ratio. */
  seconds: number;
  rounds: number;
  /** Quiet/attacked pairs in the sign-in attack: each pair's share must reach the target on its own. */
  attackRounds: number;
  warmupSeconds: number;
  /** Users and rooms seeded for the scale measurement (100,000 in a full run). */
  users: number;
  /** Signed-in sessions the room measurements rotate through. */
  sessions: number;
  /** Seconds per room render / room update run. */
  roomSeconds: number;
  /** Passes over the 50 search queries. */
  searchPasses: number;
  /** Join attempts of each kind. */
  joinAttempts: number;
  /** Lighthouse rounds, each auditing the article and its bare copy once (a median needs at least 5). */
  lighthouseRounds: number;
  connections: number;
  /** Room counts for "how cost grows": each gets its own database and server. */
  growthSizes: number[];
  /** Seconds per figure at each size. */
  growthSeconds: number;
  /** Generated articles added to the real help centre for the search-growth figure. */
  extraArticles: number;
};

export function planFor(quick: boolean): Plan {
  return quick
    ? {
        quick,
        seconds: 2,
        rounds: 1,
        attackRounds: 1,
        warmupSeconds: 0.5,
        users: 2_000,
        sessions: 4,
        roomSeconds: 1.5,
        searchPasses: 1,
        joinAttempts: 10,
        lighthouseRounds: 1,
        connections: 10,
        growthSizes: [1_000, 3_000, 10_000],
        growthSeconds: 1,
        extraArticles: 50,
      }
    : {
        quick,
        seconds: 5,
        rounds: 3,
        attackRounds: 5,
        warmupSeconds: 2,
        users: 100_000,
        sessions: 32,
        roomSeconds: 6,
        searchPasses: 4,
        joinAttempts: 60,
        lighthouseRounds: 5,
        connections: 10,
        growthSizes: [10_000, 100_000, 1_000_000],
        growthSeconds: 5,
        extraArticles: 500,
      };
}

export const ARTICLE_PATH = "/help/pmi-vs-regular-meetings";
export const SEED_PASSWORD = "bench-password-0123";
export const AUTH_SECRET = "bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";
export const ATTACK_CLIENTS = 20;

// Every limit is raised for the measurements that are not about limits, so none of them trips one.
export const RELAXED_LIMITS = {
  SIGNIN_LIMIT_ACCOUNT_CLIENT: "1000000",
  SIGNIN_LIMIT_CLIENT: "1000000",
  SIGNIN_LIMIT_ACCOUNT: "1000000",
  JOIN_LIMIT_CLIENT: "1000000",
  JOIN_LIMIT_ID: "1000000",
};

export const cores = () => os.availableParallelism();
