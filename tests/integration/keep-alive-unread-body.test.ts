import crypto from "node:crypto";
import { existsSync } from "node:fs";
import http, { type Server } from "node:http";
import net, { type AddressInfo, type Socket } from "node:net";
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

  it("closes the connection instead of reading more than 64 MB nobody asked for", async () => {
    // A raw socket: Node's own client would hang up itself once the answer came.
    const socket = net.connect(port, "127.0.0.1");
    const declared = 200 * 1024 * 1024;
    const outcome = await new Promise<{ answered: string; closedAfterMb: number }>((resolve, reject) => {
      let answer = "";
      let sent = 0;
      const chunk = Buffer.alloc(1024 * 1024, "x");
      const timer = setTimeout(() => reject(new Error(`the server kept the connection after ${Math.round(sent / 1048576)} MB`)), 20_000);
      socket.on("error", () => undefined);
      socket.on("data", (data) => {
        if (answer === "") {
          answer = data.toString("latin1").split("\r\n")[0]!;
          // Keep sending after the answer, as a large upload would.
          const pump = () => {
            while (!socket.destroyed && sent < declared && socket.write(chunk)) sent += chunk.length;
            if (!socket.destroyed && sent < declared) socket.once("drain", () => ((sent += chunk.length), pump()));
          };
          pump();
        }
      });
      socket.on("close", () => {
        clearTimeout(timer);
        resolve({ answered: answer, closedAfterMb: sent / 1048576 });
      });
      socket.write(`POST /operator/hubs/${crypto.randomUUID()} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${declared}\r\n\r\nnote=`);
    });
    socket.destroy();
    expect(outcome.answered).toBe("HTTP/1.1 302 Found");
    // 64 MB read and dropped, plus what the two sockets buffer on the way.
    expect(outcome.closedAfterMb).toBeLessThan(112);
  });
});
