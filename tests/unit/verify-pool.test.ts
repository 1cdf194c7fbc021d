import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { hashPassword, unknownLanePids, verifyPassword } from "@/lib/auth/password";
import { VerifyUnavailable, createVerifyPool, type VerifyPool } from "@/lib/auth/verify-pool";

const script = path.join(process.cwd(), "lib", "auth", "verify-worker.mjs");
const PASSWORD = "correct horse battery";
let hash = "";
beforeAll(async () => {
  hash = await hashPassword(PASSWORD);
});

const pools: VerifyPool[] = [];
function pool(processes: number, queue: number): VerifyPool {
  const created = createVerifyPool({ script, processes, queue });
  pools.push(created);
  return created;
}
afterEach(() => {
  for (const p of pools.splice(0)) p.close();
});

/** Alive and not a zombie (an exited child nobody has reaped yet still answers kill(pid, 0)). */
function running(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]![0] !== "Z";
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && fs.existsSync("/proc/self")) return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("sign-in verification lanes", () => {
  it("a known browser is verified in the server process; anyone else in a child at the lowest priority", async () => {
    expect(await verifyPassword(hash, PASSWORD, "known")).toBe(true);
    expect(unknownLanePids()).toEqual([]);
    expect(await verifyPassword(hash, PASSWORD, "unknown")).toBe(true);
    expect(await verifyPassword(hash, "wrong horse battery", "unknown")).toBe(false);
    expect(await verifyPassword(undefined, PASSWORD, "unknown")).toBe(false);
    expect(await verifyPassword("not an argon2 hash", PASSWORD, "unknown")).toBe(false);
    const pids = unknownLanePids();
    expect(pids).toHaveLength(1);
    expect(pids[0]).not.toBe(process.pid);
    expect(os.getPriority(pids[0])).toBe(19);
  });
});

describe("the verifier pool", () => {
  it("replaces a child killed mid-verification, and the verification still answers correctly", async () => {
    const verifiers = pool(1, 4);
    const answer = verifiers.verify(hash, PASSWORD);
    const [first] = verifiers.pids();
    process.kill(first!, "SIGKILL");
    expect(await answer).toBe(true);
    const [second] = verifiers.pids();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(await verifiers.verify(hash, "wrong horse battery")).toBe(false);
  });

  it("refuses as unavailable, never as a wrong password, when the replacement dies too", async () => {
    const verifiers = pool(1, 4);
    const answer = verifiers.verify(hash, PASSWORD);
    const [first] = verifiers.pids();
    process.kill(first!, "SIGKILL");
    await until(() => verifiers.pids().some((pid) => pid !== first));
    process.kill(verifiers.pids()[0]!, "SIGKILL");
    await expect(answer).rejects.toBeInstanceOf(VerifyUnavailable);
    expect(await verifiers.verify(hash, PASSWORD)).toBe(true);
  });

  it("runs at most `processes` children and refuses what would wait past the queue", async () => {
    const verifiers = pool(2, 3);
    const answers = [PASSWORD, "wrong 1", "wrong 2", PASSWORD, "wrong 3"].map((p) => verifiers.verify(hash, p));
    expect(verifiers.pids()).toHaveLength(2);
    await expect(verifiers.verify(hash, PASSWORD)).rejects.toBeInstanceOf(VerifyUnavailable);
    expect(await Promise.all(answers)).toEqual([true, false, false, true, false]);
    expect(verifiers.pids()).toHaveLength(2);
    expect(await verifiers.verify(hash, PASSWORD)).toBe(true);
  });

  it("its children exit when the pool closes", async () => {
    const verifiers = pool(2, 4);
    await Promise.all([verifiers.verify(hash, PASSWORD), verifiers.verify(hash, PASSWORD)]);
    const pids = verifiers.pids();
    expect(pids).toHaveLength(2);
    verifiers.close();
    await until(() => !pids.some(running));
  });

  it("a verifier exits when the server that started it is killed", async () => {
    const server = spawn(
      process.execPath,
      [
        "-e",
        `console.log(require("node:child_process").fork(${JSON.stringify(script)}).pid); setInterval(() => {}, 1e3)`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const pid = await new Promise<number>((resolve) => server.stdout.once("data", (line) => resolve(Number(line))));
    await until(() => running(pid));
    server.kill("SIGKILL");
    await until(() => !running(pid));
  });
});
