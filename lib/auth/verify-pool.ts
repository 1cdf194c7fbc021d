import "server-only";
import { fork, type ChildProcess } from "node:child_process";
import os from "node:os";

/** The verification did not run (too many waiting, or its verifiers kept dying): nothing is known either way. */
export class VerifyUnavailable extends Error {}

export type VerifyPoolOptions = {
  /** The child script, lib/auth/verify-worker.mjs. */
  script: string;
  /** Child processes at most, each verifying one password at a time (each Argon2 run holds 19 MiB). */
  processes: number;
  /** Verifications waiting for a free child at most; past that, new ones are refused at once. */
  queue: number;
};

export type VerifyPool = {
  verify(hash: string, password: string): Promise<boolean>;
  /** The children alive now. */
  pids(): number[];
  /** Refuses what waits and lets every child exit. */
  close(): void;
};

type Job = {
  hash: string;
  password: string;
  tries: number;
  resolve: (ok: boolean) => void;
  reject: (error: Error) => void;
};
type Verifier = { child: ChildProcess; job?: Job; sent: number; gone: boolean };

// A verification whose child dies runs once more on a fresh one; a second death suggests the job itself is the cause.
const TRIES = 2;
const LOWEST_PRIORITY = 19;

// An idle child must not keep a script (or a test) alive; a busy one must, or its answer would be lost.
function hold(child: ChildProcess, busy: boolean) {
  if (busy) {
    child.ref();
    child.channel?.ref();
  } else {
    child.unref();
    child.channel?.unref();
  }
}

/**
 * Argon2 verifications in child processes at the lowest CPU priority (Node cannot lower a worker thread's), so
 * that they only use CPU the server's own work leaves idle. Children start when needed, and a child that dies
 * is replaced: its verification is retried, never answered "wrong password".
 */
export function createVerifyPool({ script, processes, queue }: VerifyPoolOptions): VerifyPool {
  const verifiers = new Set<Verifier>();
  const waiting: Job[] = [];
  let sent = 0;
  let closed = false;

  function lost(verifier: Verifier, why: string) {
    if (verifier.gone) return;
    verifier.gone = true;
    verifiers.delete(verifier);
    if (!closed) console.error(`A sign-in verifier process ended (${why}); another takes its place.`);
    const job = verifier.job;
    verifier.job = undefined;
    if (job && !closed && ++job.tries < TRIES) waiting.unshift(job);
    else job?.reject(new VerifyUnavailable(`the sign-in verifier ended (${why})`));
    dispatch();
  }

  function start(): Verifier {
    // No inherited flags (a loader, --inspect, --cpu-prof) and no secrets in its environment: it needs none.
    const child = fork(script, [], { execArgv: [], env: { NODE_ENV: process.env.NODE_ENV }, serialization: "json" });
    const verifier: Verifier = { child, sent: 0, gone: false };
    verifiers.add(verifier);
    try {
      if (child.pid !== undefined) os.setPriority(child.pid, LOWEST_PRIORITY);
    } catch (error) {
      console.error("Could not lower a sign-in verifier's priority:", error);
    }
    child.on("message", (message: { id?: unknown; ok?: unknown }) => {
      const job = verifier.job;
      if (!job || message.id !== verifier.sent) return;
      verifier.job = undefined;
      hold(child, false);
      job.resolve(message.ok === true);
      dispatch();
    });
    child.on("exit", (code, signal) => lost(verifier, signal ?? `exit code ${code}`));
    child.on("error", (error) => {
      child.kill("SIGKILL");
      lost(verifier, error.message);
    });
    return verifier;
  }

  function dispatch() {
    while (!closed && waiting.length > 0) {
      let verifier = [...verifiers].find((v) => !v.job);
      if (!verifier) {
        if (verifiers.size >= processes) return;
        verifier = start();
      }
      const job = waiting.shift()!;
      verifier.job = job;
      verifier.sent = ++sent;
      hold(verifier.child, true);
      const { child } = verifier;
      // A child that cannot take the message is dying: its exit retries the job elsewhere.
      child.send({ id: verifier.sent, hash: job.hash, password: job.password }, (error) => {
        if (error) child.kill("SIGKILL");
      });
    }
  }

  return {
    verify(hash, password) {
      if (closed) return Promise.reject(new VerifyUnavailable("the verifiers are closed"));
      return new Promise((resolve, reject) => {
        const job: Job = { hash, password, tries: 0, resolve, reject };
        waiting.push(job);
        dispatch();
        // Still waiting behind a full queue: refused now, so waiting requests (and memory) stay bounded.
        if (waiting.length > queue && waiting.at(-1) === job) {
          waiting.pop();
          reject(new VerifyUnavailable("too many sign-ins waiting"));
        }
      });
    },
    pids: () => [...verifiers].flatMap((v) => (v.child.pid === undefined ? [] : [v.child.pid])),
    close() {
      closed = true;
      for (const job of waiting.splice(0)) job.reject(new VerifyUnavailable("the verifiers are closed"));
      for (const { child } of verifiers) if (child.connected) child.disconnect();
    },
  };
}
