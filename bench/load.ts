import autocannon from "autocannon";
import { percentile, type LoadFigures } from "./stats.js";

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

/**
 * Runs autocannon against one base URL with a rotating list of requests, bounded in time, and
 * records every response time so p95 can be computed exactly.
 */
export async function runLoad(options: {
  label: string;
  url: string;
  requests: LoadRequest[];
  connections: number;
  durationS: number;
}): Promise<LoadFigures> {
  const latencies: number[] = [];
  let next = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationS,
    requests: [
      {
        setupRequest: (request: autocannon.Request) => {
          const pick = options.requests[next++ % options.requests.length]!;
          return { ...request, method: pick.method, path: pick.path, body: pick.body, headers: { ...request.headers, ...pick.headers } };
        },
      },
    ],
    setupClient: (client: { on(event: "response", fn: (status: number, bytes: number, time: number) => void): void }) => {
      client.on("response", (_status, _bytes, responseTime) => latencies.push(responseTime));
    },
  } as unknown as autocannon.Options);
  latencies.sort((a, b) => a - b);
  return {
    label: options.label,
    requests: result.requests.total,
    durationS: result.duration,
    perSecond: result.requests.total / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors,
    non2xx: result.non2xx,
  };
}
