import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import type { Logger } from "../../server/logger";
import { slowRequestLog } from "../../server/slow-requests";

type Entry = { message: string; data?: Record<string, unknown> };

function recordingLogger(): { logger: Logger; warnings: Entry[] } {
  const warnings: Entry[] = [];
  const ignore = () => {};
  return { warnings, logger: { debug: ignore, info: ignore, error: ignore, warn: (message, data) => void warnings.push({ message, data }) } };
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** An app whose /wait/:ms answers after that many milliseconds and whose /never never answers. */
async function appWith(logger: Logger, thresholdMs: number): Promise<string> {
  const app = express();
  app.use((_req, res, next) => {
    res.locals.requestId = "req-12345678";
    next();
  });
  app.use(slowRequestLog(logger, thresholdMs));
  app.get("/wait/:ms", (req, res) => void setTimeout(() => res.status(201).send("done"), Number(req.params.ms)));
  app.get("/never", () => {});
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe("slow request log", () => {
  it("warns while a request is still unanswered at the threshold, and again when it is answered, with its id, path, status and time", async () => {
    const { logger, warnings } = recordingLogger();
    const url = await appWith(logger, 50);
    expect((await fetch(`${url}/wait/0`)).status).toBe(201);
    expect((await fetch(`${url}/wait/120`)).status).toBe(201);
    await until(() => warnings.length > 1);
    expect(warnings.map((w) => w.message)).toEqual(["request still unanswered", "slow request"]);
    expect(warnings[0]!.data).toMatchObject({ requestId: "req-12345678", method: "GET", path: "/wait/120", status: null });
    expect(warnings[1]!.data).toMatchObject({ requestId: "req-12345678", method: "GET", path: "/wait/120", status: 201 });
    expect(warnings[1]!.data!.ms).toBeGreaterThanOrEqual(120);
  });

  it("warns about a slow request whose client gave up before any answer, not about a quick one", async () => {
    const { logger, warnings } = recordingLogger();
    const url = await appWith(logger, 50);
    const quick = await fetch(`${url}/never`, { signal: AbortSignal.timeout(10) }).catch((error: unknown) => error);
    expect(quick).toBeInstanceOf(Error);
    const gaveUp = await fetch(`${url}/never`, { signal: AbortSignal.timeout(150) }).catch((error: unknown) => error);
    expect(gaveUp).toBeInstanceOf(Error);
    await until(() => warnings.length > 1);
    expect(warnings).toEqual([
      { message: "request still unanswered", data: expect.objectContaining({ path: "/never", status: null }) },
      { message: "request abandoned before its answer was sent", data: expect.objectContaining({ path: "/never", requestId: "req-12345678", status: null }) },
    ]);
  });

  it("says nothing when turned off", async () => {
    const { logger, warnings } = recordingLogger();
    const url = await appWith(logger, 0);
    await fetch(`${url}/wait/30`);
    await fetch(`${url}/never`, { signal: AbortSignal.timeout(50) }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(warnings).toEqual([]);
  });
});
