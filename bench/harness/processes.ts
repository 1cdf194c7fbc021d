import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";

/** A child process the bench started, with what it printed (to explain failures) and its SQLITE_BUSY count. */
export type Child = {
  name: string;
  proc: ChildProcess;
  output: string[];
  busy: number;
  exited: Promise<number | null>;
};

const children = new Set<Child>();

/**
 * Starts a process in its own process group, so stopping it also stops anything it spawned, and nothing
 * the bench did not start is ever signalled.
 */
export function start(
  name: string,
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Child {
  const proc = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    child.busy += (text.match(/SQLITE_BUSY/g) ?? []).length;
    output.push(text);
    if (output.length > 5_000) output.splice(0, output.length - 5_000);
  };
  proc.stdout?.on("data", keep);
  proc.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  const child: Child = { name, proc, output, busy: 0, exited };
  children.add(child);
  void exited.then(() => children.delete(child));
  return child;
}

function signalGroup(child: Child, signal: NodeJS.Signals) {
  if (child.proc.pid === undefined || child.proc.exitCode !== null) return;
  try {
    process.kill(-child.proc.pid, signal);
  } catch {
    // Already gone.
  }
}

/** SIGTERM, then SIGKILL if the group is still there after a grace period. */
export async function stop(child: Child, graceMs = 3_000): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  signalGroup(child, "SIGTERM");
  const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
  await child.exited;
  clearTimeout(timer);
}

/** SIGKILL at once, as a crash or a pulled plug would: nothing in the group gets to finish what it was doing. */
export async function killNow(child: Child): Promise<void> {
  signalGroup(child, "SIGKILL");
  await child.exited;
}

export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((c) => stop(c)));
}

/** Last resort on an abrupt exit: no awaiting is possible, so kill the groups outright. */
export function killAllNow(): void {
  for (const child of children) signalGroup(child, "SIGKILL");
}

/** Runs a command to completion, passing its output through; rejects on a non-zero exit. */
export async function run(
  name: string,
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
) {
  const child = start(name, command, args, options);
  child.proc.stdout?.pipe(process.stderr);
  child.proc.stderr?.pipe(process.stderr);
  const code = await child.exited;
  if (code !== 0) throw new Error(`${name} failed with exit code ${code}`);
}

/** A port nobody listens on right now (the OS picks it; the small race before the server binds is accepted). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Polls a URL until it answers with one of the expected statuses, or fails with the child's last output. */
export async function waitForHttp(
  url: string,
  child: Child,
  timeoutMs = 60_000,
  ok = (status: number) => status < 500,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null) break;
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (ok(res.status)) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${child.name} did not answer ${url}:\n${child.output.join("").slice(-2_000)}`);
}

/** CPU seconds a process has used (user + system), from /proc; undefined where there is no /proc. */
export function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}
