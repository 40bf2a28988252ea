import type express from "express";
import type { Logger } from "./logger.js";

/**
 * Logs, as warnings: a request still unanswered after `thresholdMs` (once, so one that never ends
 * is seen while it hangs), then how it ended: answered late, or abandoned by its client (a
 * timeout, a closed tab) before the answer was complete; each with method, path, status,
 * milliseconds and the request id. Quicker ones are not logged, abandoned or not (a browser drops
 * a page's files all the time when someone moves on). 0 turns it off.
 */
export function slowRequestLog(logger: Logger, thresholdMs: number): express.RequestHandler {
  return (req, res, next) => {
    if (thresholdMs <= 0) return next();
    const started = performance.now();
    const fields = (status: number | null) => ({
      requestId: res.locals.requestId,
      method: req.method,
      path: req.path,
      status,
      ms: Math.round(performance.now() - started),
    });
    const stillRunning = setTimeout(() => logger.warn("request still unanswered", fields(null)), thresholdMs);
    stillRunning.unref();
    res.once("close", () => {
      clearTimeout(stillRunning);
      if (performance.now() - started < thresholdMs) return;
      const abandoned = !res.writableFinished;
      logger.warn(abandoned ? "request abandoned before its answer was sent" : "slow request", fields(res.headersSent ? res.statusCode : null));
    });
    next();
  };
}
