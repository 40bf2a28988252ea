import crypto from "node:crypto";
import { existsSync } from "node:fs";
import http, { type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, serverBuildPath } from "../../server/index";
import type { Logger } from "../../server/logger";
import { createTestContext, type TestContext } from "../support/test-context";

/**
 * A kept-alive connection must go on working after an action answered without reading its form
 * (here: a visitor not signed in, sent to the sign-in page). The body is larger than what Node
 * buffers, so an unread rest stalls the connection; the second request on the same socket then
 * never started (found by the hostile-forms e2e run, where it hung for 30 s).
 */
let ctx: TestContext;
let server: Server;
let port: number;
const logger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

beforeAll(async () => {
  if (!existsSync(serverBuildPath)) throw new Error(`${serverBuildPath} is missing: run \`npm run build\` first`);
  ctx = await createTestContext();
  const app = await createApp({ db: ctx.db, search: ctx.search, logger, secret: crypto.randomBytes(32).toString("hex"), secureCookies: false, authRateLimitPer15Min: 0 });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
}, 60_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await ctx?.cleanup();
});

/** One request on the agent; resolves with its status and the socket it used, or rejects after 5 s. */
function send(agent: http.Agent, method: string, path: string, body?: Buffer): Promise<{ status: number; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port, method, path, agent, timeout: 5_000, headers: body ? { "content-type": "application/x-www-form-urlencoded", "content-length": body.length } : {} },
      (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? 0, socket: request.socket! }));
      },
    );
    request.on("timeout", () => request.destroy(new Error(`${method} ${path}: no answer within 5 s`)));
    request.on("error", reject);
    request.end(body);
  });
}

describe("a kept-alive connection after an action that did not read its form", () => {
  it("answers the next request on the same socket", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const form = Buffer.from(`note=${"x".repeat(300_000)}`);
      const refused = await send(agent, "POST", `/operator/hubs/${crypto.randomUUID()}`, form);
      expect(refused.status).toBe(302);
      const next = await send(agent, "GET", "/healthz");
      expect(next.status).toBe(200);
      expect(next.socket).toBe(refused.socket);
    } finally {
      agent.destroy();
    }
  });
});
