import "server-only";
import os from "node:os";
import { hash, verify } from "@node-rs/argon2";

// OWASP Password Storage Cheat Sheet minimum for Argon2id: 19 MiB, 2 iterations, 1 lane.
const ARGON2 = {
  algorithm: 2 /* Algorithm.Argon2id, a const enum */,
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
} as const;

// Argon2 is deliberately expensive. Letting every failed sign-in hash at once starves page rendering
// (the bench's sign-in attack measured help pages at ~10% of quiet), so hashes take turns on all but one
// core: an attack slows sign-ins, not the rest of the site. The queue is per process and holds no state.
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

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. With no hash (unknown email) it checks against a dummy hash made
 * with the same parameters, so an unknown account costs the same Argon2 work as a known one.
 */
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword("roomdesk-dummy-password-for-timing");
    const dummy = await dummyHash;
    await inTurn(() => verify(dummy, password)).catch(() => false);
    return false;
  }
  return inTurn(() => verify(storedHash, password)).catch(() => false);
}
