import { createReadableStreamFromReadable } from "@remix-run/node";
import type { OpenedFile } from "~/domain/providers/document-access.server";

/**
 * A stored file as an HTTP response that browsers will not frame or run. X-Content-Type-Options:
 * nosniff comes from helmet on every response (server/index.ts; checked by tests/e2e/onboarding.spec.ts):
 * setting it here too would send it twice.
 */
export function fileResponse(file: OpenedFile, options: { disposition: "attachment" | "inline"; cache: string }): Response {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(createReadableStreamFromReadable(file.stream), {
    status: 200,
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.size),
      "Content-Disposition": `${options.disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": options.cache,
      // Never rendered as a page of this site, even if a browser ignores the type.
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      "X-Robots-Tag": "noindex, nofollow",
    },
  });
}
