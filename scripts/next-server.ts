import { spawn } from "node:child_process";
import path from "node:path";

/** `next start` on a port, as a child that stops with this process and takes it down when it exits. */
export function startNext(port: string) {
  const server = spawn(path.join(process.cwd(), "node_modules", ".bin", "next"), ["start", "-p", port], {
    stdio: "inherit",
    env: process.env,
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
  return server;
}
