import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, start, waitForHttp, type Child } from "./processes";

const SHIPPED = path.join(process.cwd(), "deploy", "nginx.conf");

export function nginxBinary(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).concat("/usr/sbin", "/usr/local/sbin")) {
    const file = path.join(dir, "nginx");
    if (dir && fs.existsSync(file)) return file;
  }
  return undefined;
}

/** Replaces exactly one occurrence, so a change to the shipped file that the bench no longer matches fails loudly. */
function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const count =
    typeof from === "string" ? text.split(from).length - 1 : (text.match(new RegExp(from.source, "gm")) ?? []).length;
  if (count !== 1) throw new Error(`deploy/nginx.conf: expected one ${String(from)}, found ${count}`);
  return text.replace(from, () => to);
}

// The upstream's one live server line, with its parameters (max_fails ...); the commented examples never match.
const UPSTREAM_SERVER = /^( *)server 127\.0\.0\.1:3000( [^;\n]*)?;$/m;

/** `files`: a second server block serving `dir/www` from disk, the comparison for the proxied article. */
export type NginxPorts = { proxy: number; files?: number };

/**
 * The shipped config with only what a run here must change: ports, the upstream's servers (one line each,
 * with the shipped line's parameters), and every path moved into `dir` (pid, logs, cache, temp files), run in
 * the foreground as the current user.
 */
export function runtimeConfig(shipped: string, dir: string, upstreamPorts: number[], ports: NginxPorts): string {
  const isRoot = process.getuid?.() === 0;
  let conf = shipped;
  conf = replaceOnce(conf, /^user .*;$/m, isRoot ? `user ${os.userInfo().username};` : "");
  conf = replaceOnce(conf, "pid /run/nginx.pid;", `daemon off;\npid ${dir}/nginx.pid;`);
  conf = replaceOnce(conf, "error_log /var/log/nginx/error.log warn;", `error_log ${dir}/error.log warn;`);
  conf = replaceOnce(conf, "access_log /var/log/nginx/roomdesk.access.log;", `access_log ${dir}/access.log;`);
  conf = replaceOnce(conf, "/var/cache/nginx/roomdesk", `${dir}/cache`);
  const [, indent = "", params = ""] = UPSTREAM_SERVER.exec(conf) ?? [];
  const servers = upstreamPorts.map((port) => `${indent}server 127.0.0.1:${port}${params};`).join("\n");
  conf = replaceOnce(conf, UPSTREAM_SERVER, servers);
  conf = replaceOnce(conf, "listen 80;", `listen 127.0.0.1:${ports.proxy};`);
  const temps = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    .map((t) => `    ${t}_temp_path ${dir}/tmp-${t};`)
    .join("\n");
  conf = replaceOnce(conf, "http {\n", `http {\n${temps}\n`);
  if (ports.files === undefined) return conf;
  const files = `
    server {
        listen 127.0.0.1:${ports.files};
        root ${dir}/www;
        default_type text/html;
        location / {
            try_files $uri =404;
        }
    }
}
`;
  return conf.replace(/\}\s*$/, files);
}

export type Nginx = { child: Child; proxy: string };

/** nginx -t on the run-time config, then nginx in the foreground; resolves once it answers `ready` with 200. */
async function launch(binary: string, dir: string, conf: string, ready: string): Promise<Child> {
  const file = path.join(dir, "nginx.conf");
  fs.writeFileSync(file, conf);
  const args = ["-p", `${dir}/`, "-c", file];
  try {
    execFileSync(binary, ["-t", "-q", ...args], { stdio: "pipe" });
  } catch (error) {
    throw new Error(
      `nginx -t refused the run-time config:\n${(error as { stderr?: Buffer }).stderr?.toString() ?? error}`,
    );
  }
  const child = start("nginx", binary, args);
  await waitForHttp(ready, child, 15_000, (s) => s === 200);
  return child;
}

/** The shipped config in front of one app server, beside nginx serving `article` from disk. */
export async function startNginx(
  binary: string,
  dir: string,
  upstreamPort: number,
  article: { urlPath: string; bytes: Buffer },
): Promise<Nginx & { files: string }> {
  const ports = { proxy: await freePort(), files: await freePort() };
  const target = path.join(dir, "www", article.urlPath);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, article.bytes);
  const conf = runtimeConfig(fs.readFileSync(SHIPPED, "utf8"), dir, [upstreamPort], ports);
  const files = `http://127.0.0.1:${ports.files}`;
  const child = await launch(binary, dir, conf, `${files}${article.urlPath}`);
  return { child, proxy: `http://127.0.0.1:${ports.proxy}`, files };
}

/** The shipped config in front of several app servers, listening on `proxyPort`; ready once one answers health. */
export async function startNginxUpstream(
  binary: string,
  dir: string,
  upstreamPorts: number[],
  proxyPort: number,
): Promise<Nginx> {
  const conf = runtimeConfig(fs.readFileSync(SHIPPED, "utf8"), dir, upstreamPorts, { proxy: proxyPort });
  const proxy = `http://127.0.0.1:${proxyPort}`;
  return { child: await launch(binary, dir, conf, `${proxy}/api/health`), proxy };
}
