import { execFileSync, type ExecFileSyncOptions } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

// Debian installs the server programs under /usr/lib/postgresql/<version>/bin, not on PATH.
const DEBIAN = "/usr/lib/postgresql";

export const MISSING =
  "PostgreSQL's server programs (initdb, pg_ctl) are missing: install them with `apt-get install postgresql` " +
  "(Debian's package), or set POSTGRES_BIN to the folder that holds them.";

/** The folder of initdb and pg_ctl: POSTGRES_BIN, else the newest version Debian installed. */
export function postgresBin(): string {
  const given = process.env.POSTGRES_BIN;
  if (given && fs.existsSync(path.join(given, "initdb"))) return given;
  const versions = fs.existsSync(DEBIAN) ? fs.readdirSync(DEBIAN) : [];
  const newest = versions
    .filter((v) => fs.existsSync(path.join(DEBIAN, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(MISSING);
  return path.join(DEBIAN, newest, "bin");
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** PostgreSQL refuses to run as root: then it runs as `nobody`, in a folder `nobody` owns. */
function unprivileged(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync("id", [flag, "nobody"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

export type Cluster = { url: (database: string) => string; stop: () => void };

/**
 * A throwaway PostgreSQL server: a new cluster in a temporary folder, on a free port of 127.0.0.1, trusting
 * local connections, with the C.UTF-8 locale (so sorting and case rules do not depend on the machine).
 */
export async function startCluster(): Promise<Cluster> {
  const bin = postgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roomdesk-pg-"));
  const user = unprivileged();
  if (user) fs.chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, "data");
  const log = path.join(dir, "server.log");
  // The server outlives pg_ctl: no pipes of ours for it to hold open.
  const options: ExecFileSyncOptions = { cwd: dir, stdio: "ignore", ...(user ?? {}) };
  const run = (program: string, args: string[]) => execFileSync(path.join(bin, program), args, options);
  try {
    run("initdb", ["-D", data, "-U", "roomdesk", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
    const port = await freePort();
    const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    run("pg_ctl", ["-D", data, "-l", log, "-w", "-t", "60", "-o", settings, "start"]);
    return {
      url: (database) => `postgres://roomdesk@127.0.0.1:${port}/${database}`,
      stop: () => {
        try {
          run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    const tail = fs.existsSync(log) ? fs.readFileSync(log, "utf8").slice(-2000) : "";
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start a PostgreSQL server: ${(error as Error).message}\n${tail}`);
  }
}
