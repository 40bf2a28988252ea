import type { NextFunction, Request, RequestHandler, Response } from "express";
import { rateLimit } from "express-rate-limit";
import { getTranslator, languageFromAcceptLanguage, resolveLanguage } from "../app/i18n/translator.server.js";

/** The pages whose POSTs guess or spend credentials (and their single-fetch `.data` twins). */
export const authPostPaths = /^\/(login|signup|forgot-password|reset-password)(\.data)?\/?$/i;

const WINDOW_MS = 15 * 60 * 1000;

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A short page in the visitor's language (the `lng` cookie, else Accept-Language). */
async function tooManyRequests(req: Request, res: Response): Promise<void> {
  const cookieLanguage = (req.cookies as Record<string, string> | undefined)?.lng;
  const language = cookieLanguage ? resolveLanguage(cookieLanguage) : languageFromAcceptLanguage(req.get("accept-language"));
  const t = await getTranslator(language, "auth");
  const title = escapeHtml(t("rateLimited.title"));
  const text = escapeHtml(t("rateLimited.text"));
  res
    .status(429)
    .type("html")
    .send(
      `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>` +
        `<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto; padding: 0 1em;"><main><h1>${title}</h1><p>${text}</p><p><a href="/">Vicinato</a></p></main></body></html>`,
    );
}

interface PathLimit {
  method: "GET" | "POST";
  paths: RegExp;
  windowMs: number;
  /** Requests per client address per window; 0 turns the limit off. */
  limit: number;
}

/** A per-address limit on one kind of request, answered with a translated 429 page. */
function pathRateLimit({ method, paths, windowMs, limit }: PathLimit): RequestHandler {
  if (limit <= 0) return (_req, _res, next) => next();
  const limiter = rateLimit({
    windowMs,
    limit,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    keyGenerator: (req) => req.ip ?? "unknown",
    handler: (req, res, next) => {
      tooManyRequests(req, res).catch(next);
    },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== method || !paths.test(req.path)) return next();
    return limiter(req, res, next);
  };
}

/**
 * Limits POSTs to the sign-in, sign-up and password pages per client address (`limit` per 15
 * minutes; 0 turns it off). This slows password guessing from one address; the per-address
 * lockout in the accounts domain covers guessing spread over many addresses.
 */
export function authRateLimit(limit: number): RequestHandler {
  return pathRateLimit({ method: "POST", paths: authPostPaths, windowMs: WINDOW_MS, limit });
}

/** The search page (and its data requests): `limit` per address per minute, against scraping the directory. */
export const searchPaths = /^\/search(\.data)?\/?$/i;
export function searchRateLimit(limit: number): RequestHandler {
  return pathRateLimit({ method: "GET", paths: searchPaths, windowMs: 60 * 1000, limit });
}

/** Messages in a booking's conversation (and their `.data` twins). */
export const messagePostPaths = /^\/bookings\/[^/]+\/messages(\.data)?\/?$/i;
/**
 * POSTs of messages: `limit` per address per 15 minutes, a coarse guard in front of the per-person
 * limit the messaging domain enforces with a clear message (MESSAGE_RATE_LIMIT).
 */
export function messageRateLimit(limit: number): RequestHandler {
  return pathRateLimit({ method: "POST", paths: messagePostPaths, windowMs: WINDOW_MS, limit });
}
