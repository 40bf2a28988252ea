import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { NonceProvider } from "./components/nonce";
import { CoalescedWrites } from "./utils/coalesced-writes.server";
import { DATABASE_RETRY_AFTER_SECONDS } from "./utils/database-unavailable.server";
import { i18nForRender, i18nServer } from "./i18n/i18next.server";

/** How long streamed (deferred) data may take before the response is closed. */
export const streamTimeout = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // One i18next instance per request, in the language detected for it (same as the root loader).
  const lng = await i18nServer.getLocale(request);
  const i18n = i18nForRender(lng);

  const nonce = loadContext?.cspNonce ?? "";
  // A 503 page comes from a loader or action that found the database unreachable (the 503
  // response it threw keeps only its cookies in Remix's document headers): say when to retry.
  if (responseStatusCode === 503) {
    responseHeaders.set("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
    responseHeaders.set("Cache-Control", "no-store");
  }
  // Bots and SPA mode get the whole document at once; browsers get the shell first.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new CoalescedWrites();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell are handled by onShellError; later ones are only logged.
          if (shellRendered) logError(error, request, loadContext);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

/** Unexpected loader/action/render errors: one JSON line with the request id, never sent to the page. */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  // "No route matches" and other 4xx answers are not failures.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  logError(error, request, context);
}

function logError(error: unknown, request: Request, context: AppLoadContext | undefined) {
  // Same one-line JSON shape as server/logger.ts.
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level: "error",
    message: "request failed",
    process: "web",
    requestId: context?.requestId,
    method: request.method,
    path: new URL(request.url).pathname,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  process.stderr.write(`${line}\n`);
}
