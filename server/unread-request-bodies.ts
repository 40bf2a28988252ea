import type express from "express";

/**
 * Many actions answer before reading the form (a visitor who must sign in, a page that does not
 * exist, a role that may not act: "who may act is settled before the form is even read"). Remix
 * has already started reading the body into a web stream nobody consumes, so Node stops reading
 * the socket once that stream's buffer is full and, since the body counts as being consumed, does
 * not discard the rest when the answer is sent. The connection is kept alive but never read
 * again: the browser's next request on it waits forever. Once the answer is sent, whatever the
 * route did not read is read and dropped, as Node does for a body nobody touched.
 */
export function dropUnreadRequestBodies(): express.RequestHandler {
  return (req, res, next) => {
    res.once("finish", () => {
      if (req.complete || req.destroyed) return;
      req.removeAllListeners("data");
      req.resume();
    });
    next();
  };
}
