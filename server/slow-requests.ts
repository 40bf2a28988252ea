import type express from "express";
import type { Logger } from "./logger.js";

/**
 * Logs, as warnings: a request still unanswered after `thresholdMs` (once, so one that never ends
 * is seen while it hangs), one answered in `thresholdMs` or longer, and one whose client gave up
 * before the answer was complete (a timeout, a closed tab); each with method, path, status,
 * milliseconds and the request id. 0 turns it off.
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
      const abandoned = !res.writableFinished;
      if (!abandoned && performance.now() - started < thresholdMs) return;
      logger.warn(abandoned ? "request abandoned before its answer was sent" : "slow request", fields(res.headersSent ? res.statusCode : null));
    });
    next();
  };
}
