// autocannon ships no types; these cover the part of its API the bench uses (see its README, "API").
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  export type Request = {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  };

  export type Client = EventEmitter & {
    setHeaders(headers: Record<string, string>): void;
    setBody(body: string | Buffer): void;
  };

  export type Options = {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    requests?: Array<
      Request & {
        setupRequest?: (req: Request, context: Record<string, unknown>) => Request;
        onResponse?: (
          status: number,
          body: string,
          context: Record<string, unknown>,
          headers: Record<string, string>,
        ) => void;
      }
    >;
    setupClient?: (client: Client) => void;
  };

  export type Histogram = {
    average: number;
    mean: number;
    p50: number;
    p99: number;
    max: number;
    min: number;
    total: number;
  };

  export type Result = {
    requests: Histogram & { total: number; sent: number };
    latency: Histogram;
    throughput: Histogram;
    duration: number;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
  };

  export type Instance = Promise<Result> & EventEmitter & { stop(): void };

  function autocannon(options: Options): Instance;
  export default autocannon;
}
