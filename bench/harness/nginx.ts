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
  return text.replace(from, to);
}

export type NginxPorts = { proxy: number; files: number };

/**
 * The shipped config with only what a bench run must change: ports, the upstream, and every path moved into
 * `dir` (pid, logs, cache, temp files), run in the foreground as the current user. A second server block
 * serves `dir/www` from disk, the comparison for the proxied article.
 */
export function runtimeConfig(shipped: string, dir: string, upstreamPort: number, ports: NginxPorts): string {
  const isRoot = process.getuid?.() === 0;
  let conf = shipped;
  conf = replaceOnce(conf, /^user .*;$/m, isRoot ? `user ${os.userInfo().username};` : "");
  conf = replaceOnce(conf, "pid /run/nginx.pid;", `daemon off;\npid ${dir}/nginx.pid;`);
  conf = replaceOnce(conf, "error_log /var/log/nginx/error.log warn;", `error_log ${dir}/error.log warn;`);
  conf = replaceOnce(conf, "access_log /var/log/nginx/roomdesk.access.log;", `access_log ${dir}/access.log;`);
  conf = replaceOnce(conf, "/var/cache/nginx/roomdesk", `${dir}/cache`);
  conf = replaceOnce(conf, "server 127.0.0.1:3000;", `server 127.0.0.1:${upstreamPort};`);
  conf = replaceOnce(conf, "listen 80;", `listen 127.0.0.1:${ports.proxy};`);
  const temps = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    .map((t) => `    ${t}_temp_path ${dir}/tmp-${t};`)
    .join("\n");
  conf = replaceOnce(conf, "http {\n", `http {\n${temps}\n`);
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

export type Nginx = { child: Child; proxy: string; files: string };

/** Writes the run-time config, checks it with `nginx -t`, and starts nginx in the foreground. */
export async function startNginx(
  binary: string,
  dir: string,
  upstreamPort: number,
  article: { urlPath: string; bytes: Buffer },
): Promise<Nginx> {
  const ports = { proxy: await freePort(), files: await freePort() };
  const target = path.join(dir, "www", article.urlPath);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, article.bytes);
  const file = path.join(dir, "nginx.conf");
  fs.writeFileSync(file, runtimeConfig(fs.readFileSync(SHIPPED, "utf8"), dir, upstreamPort, ports));
  const args = ["-p", `${dir}/`, "-c", file];
  try {
    execFileSync(binary, ["-t", "-q", ...args], { stdio: "pipe" });
  } catch (error) {
    throw new Error(
      `nginx -t refused the run-time config:\n${(error as { stderr?: Buffer }).stderr?.toString() ?? error}`,
    );
  }
  const child = start("nginx", binary, args);
  const proxy = `http://127.0.0.1:${ports.proxy}`;
  const files = `http://127.0.0.1:${ports.files}`;
  await waitForHttp(`${files}${article.urlPath}`, child, 15_000, (s) => s === 200);
  return { child, proxy, files };
}
