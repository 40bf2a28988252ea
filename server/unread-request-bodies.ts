import type express from "express";

/**
 * More than this is not worth reading to keep one connection: the socket is closed instead. It is
 * above the largest upload form refused whole (413, about 31 MB), so a resident who picked too
 * big a file (up to 64 MB) still gets the page that says so, not a connection reset.
 */
const MAX_DROPPED_BYTES = 64 * 1024 * 1024;

/**
 * Many actions answer before reading the form (a visitor who must sign in, a page that does not
 * exist, a role that may not act: "who may act is settled before the form is even read"). Remix
 * has already started reading the body into a web stream nobody consumes, so Node stops reading
 * the socket once that stream's buffer is full and, since the body counts as being consumed, does
 * not discard the rest when the answer is sent. The connection is kept alive but never read
 * again: the browser's next request on it waits forever. Once the answer is sent, whatever the
 * route did not read is read and dropped, as Node does for a body nobody touched (past 64 MB
 * the connection is closed instead).
 */
export function dropUnreadRequestBodies(): express.RequestHandler {
  return (req, res, next) => {
    res.once("finish", () => {
      if (req.complete || req.destroyed) return;
      let dropped = 0;
      req.removeAllListeners("data");
      req.on("data", (chunk: Buffer) => {
        dropped += chunk.length;
        if (dropped > MAX_DROPPED_BYTES) req.socket.destroy();
      });
      req.resume();
    });
    next();
  };
}
