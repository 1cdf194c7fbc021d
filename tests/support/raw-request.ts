import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { E2E_BASE_URL } from "./env";

/** A server action's id in the production build under test, which is what a page's form sends. */
export function actionId(name: string): string {
  const file = path.join(process.cwd(), ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { node: Record<string, { exportedName?: string }> };
  const id = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === name)?.[0];
  if (!id) throw new Error(`no server action named ${name} in the build`);
  return id;
}

export type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; body: string; sentBytes: number };

type RawPost = {
  /** Bytes to send, starting with `form` and padded with "a"; sending stops early at the server's first answer. */
  send: number;
  form?: string;
  /** A Content-Length to declare, possibly more than is sent; without it the body goes chunked. */
  declare?: number;
  headers?: Record<string, string>;
  /** Give up when no answer has come by then. */
  timeoutMs?: number;
};

/**
 * A form post the way a script sends one, which Playwright's request fixture cannot do: chunked, or with a
 * Content-Length larger than what actually follows. It writes as fast as the server reads.
 */
export function rawPost(pathname: string, options: RawPost): Promise<RawAnswer> {
  const url = new URL(pathname, E2E_BASE_URL);
  const headers: Record<string, string> = {
    Origin: E2E_BASE_URL,
    "Content-Type": "application/x-www-form-urlencoded",
    ...options.headers,
  };
  if (options.declare !== undefined) headers["Content-Length"] = String(options.declare);
  const piece = Buffer.alloc(64 * 1024, "a");
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer within ${options.timeoutMs ?? 10_000} ms after sending ${sentBytes} bytes`));
    }, options.timeoutMs ?? 10_000);
    const req = http.request(url, { method: "POST", headers }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        clearTimeout(timer);
        req.destroy();
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          sentBytes,
        });
      });
    });
    // The server may close the connection once it has answered; only an error before any answer counts.
    req.on("error", (error) => {
      if (!answered) {
        clearTimeout(timer);
        reject(error);
      }
    });
    const pump = () => {
      while (!answered && sentBytes < options.send) {
        const next = piece.subarray(0, Math.min(piece.length, options.send - sentBytes));
        sentBytes += next.length;
        if (!req.write(next)) return void req.once("drain", pump);
      }
      if (!answered && (options.declare ?? sentBytes) <= sentBytes) req.end();
    };
    // Node holds the headers back until the first body byte; a request that sends none must still go out.
    req.flushHeaders();
    const form = Buffer.from(options.form ?? "");
    sentBytes = form.length;
    if (form.length === 0 || req.write(form)) pump();
    else req.once("drain", pump);
  });
}
