import "server-only";
import os from "node:os";
import path from "node:path";
import { hash, verify } from "@node-rs/argon2";
import { createVerifyPool, type VerifyPool } from "@/lib/auth/verify-pool";
import { env } from "@/lib/server/env";

export { VerifyUnavailable } from "@/lib/auth/verify-pool";

/** What a sign-in refused for want of a free verifier is told to wait. */
export const BUSY_RETRY_MS = 30_000;

// OWASP Password Storage Cheat Sheet minimum for Argon2id: 19 MiB, 2 iterations, 1 lane.
const ARGON2 = {
  algorithm: 2 /* Algorithm.Argon2id, a const enum */,
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
} as const;

// In-process hashes (new passwords, known browsers' sign-ins) take turns on all but one core, so a burst of
// them slows sign-ins, not the pages. The queue is per process and holds no state.
const MAX_CONCURRENT = Math.max(1, os.availableParallelism() - 1);
let running = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export function hashPassword(password: string): Promise<string> {
  return inTurn(() => hash(password, ARGON2));
}

/**
 * Who is signing in decides where the password is checked. "known": the browser carries a device cookie for
 * this very account (lib/auth/device-cookie.ts), so it is almost surely the owner. "unknown": anyone else,
 * including every guesser, whose verifications run in low-priority child processes.
 */
export type Lane = "known" | "unknown";

// One pool per server process, kept on globalThis because a bundle may hold several copies of this module.
const POOL = Symbol.for("roomdesk.verify-pool");
const shared = globalThis as { [POOL]?: VerifyPool };

function unknownLane(): VerifyPool {
  const e = env();
  // Resolved from the project root, like the migrations: the script runs as it is, outside any bundle.
  shared[POOL] ??= createVerifyPool({
    script: path.join(process.cwd(), "lib", "auth", "verify-worker.mjs"),
    processes: e.SIGNIN_VERIFY_PROCESSES,
    queue: e.SIGNIN_VERIFY_QUEUE,
  });
  return shared[POOL];
}

/** Process ids of the unknown lane's verifiers now alive (none before its first sign-in). */
export const unknownLanePids = (): number[] => shared[POOL]?.pids() ?? [];

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. With no hash (unknown email) it checks against a dummy hash made
 * with the same parameters, in the same lane, so an unknown account costs the same Argon2 work as a known one.
 * Rejects with VerifyUnavailable when the unknown lane is full or its verifiers keep failing: never a wrong
 * "no" for a right password.
 */
/** No stored hash (an unknown email, or an account that signs in only through single sign-on) never matches. */
export async function verifyPassword(
  storedHash: string | null | undefined,
  password: string,
  lane: Lane,
): Promise<boolean> {
  // Awaited by known and unknown emails alike, so not even the first sign-in tells them apart.
  dummyHash ??= hashPassword("roomdesk-dummy-password-for-timing");
  const dummy = await dummyHash;
  const against = storedHash ?? dummy;
  const ok =
    lane === "known"
      ? await inTurn(() => verify(against, password)).catch(() => false)
      : await unknownLane().verify(against, password);
  return ok && typeof storedHash === "string";
}
