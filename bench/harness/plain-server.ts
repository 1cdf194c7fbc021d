import fs from "node:fs";
import http from "node:http";

// The floor for throughput ratios: node:http sending the same bytes with nothing else to do.
const [file, port] = process.argv.slice(2);
if (!file || !port) throw new Error("usage: plain-server.ts <file> <port>");
const body = fs.readFileSync(file);

http
  .createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length });
    res.end(body);
  })
  .listen(Number(port), "127.0.0.1");
