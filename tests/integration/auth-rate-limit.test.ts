import type { AddressInfo } from "node:net";
import cookieParser from "cookie-parser";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authRateLimit, searchRateLimit } from "../../server/rate-limit";

/** The limiter as server/index.ts mounts it, in front of a stand-in for the Remix handler. */
function appWith(limit: number, searchLimit = 0) {
  const app = express();
  app.set("trust proxy", 1);
  app.use(cookieParser());
  app.use(authRateLimit(limit));
  app.use(searchRateLimit(searchLimit));
  app.all("*", (_req, res) => {
    res.status(200).send("handled");
  });
  return app;
}

let base: string;
let baseOff: string;
let baseSearch: string;
const servers: Array<ReturnType<express.Express["listen"]>> = [];

beforeAll(async () => {
  const listen = (app: express.Express) =>
    new Promise<string>((resolve) => {
      const server = app.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
      servers.push(server);
    });
  base = await listen(appWith(3));
  baseOff = await listen(appWith(0));
  baseSearch = await listen(appWith(0, 2));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

const post = (url: string, headers: Record<string, string> = {}) => fetch(url, { method: "POST", headers, body: "x=1" });

describe("rate limit on the sign-in, sign-up and password pages", () => {
  it("answers 429 in the visitor's language after the limit, per address and for the single-fetch twin too", async () => {
    const ip = { "X-Forwarded-For": "198.51.100.1" };
    expect((await post(`${base}/login`, ip)).status).toBe(200);
    expect((await post(`${base}/login.data`, ip)).status).toBe(200);
    expect((await post(`${base}/signup`, ip)).status).toBe(200);
    const refused = await post(`${base}/forgot-password`, { ...ip, "Accept-Language": "en-GB,en;q=0.9" });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toMatch(/text\/html/);
    expect(await refused.text()).toContain("Too many requests");
    const italian = await post(`${base}/reset-password`, { ...ip, Cookie: "lng=it" });
    expect(italian.status).toBe(429);
    expect(await italian.text()).toContain("Troppe richieste");

    // Another address is not affected; pages that are not about credentials are not limited.
    expect((await post(`${base}/login`, { "X-Forwarded-For": "198.51.100.2" })).status).toBe(200);
    expect((await post(`${base}/account`, ip)).status).toBe(200);
    expect((await fetch(`${base}/login`, { headers: ip })).status).toBe(200);
  });

  it("is off when the limit is 0", async () => {
    for (let i = 0; i < 10; i++) expect((await post(`${baseOff}/login`)).status).toBe(200);
  });
});

describe("rate limit on the search page", () => {
  it("answers 429 to one address after the limit per minute, for the page and its data twin, and leaves others alone", async () => {
    const ip = { "X-Forwarded-For": "198.51.100.7" };
    expect((await fetch(`${baseSearch}/search?q=babysitter`, { headers: ip })).status).toBe(200);
    expect((await fetch(`${baseSearch}/search.data?q=colf`, { headers: ip })).status).toBe(200);
    const refused = await fetch(`${baseSearch}/search?q=badante`, { headers: { ...ip, Cookie: "lng=en" } });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain("Too many requests");
    expect((await fetch(`${baseSearch}/search`, { headers: { "X-Forwarded-For": "198.51.100.8" } })).status).toBe(200);
    expect((await fetch(`${baseSearch}/providers/x`, { headers: ip })).status).toBe(200);
  });
});
