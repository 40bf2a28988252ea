import { isRouteErrorResponse, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "./ErrorPage";

export type StatusPage = { title: string; text: string; links?: Array<{ to: string; label: string }> };

/**
 * A route's error page: a page of its own for the HTTP statuses it names (403, 404…), a "try
 * again in a moment" page for 503 (service briefly unavailable), else the generic one with the request id for support (and, in development only, the stack).
 */
export function GeneralErrorBoundary({ statusPages }: { statusPages: Partial<Record<number, StatusPage>> }) {
  const error = useRouteError();
  const rootData = useRouteLoaderData<{ requestId?: string | null }>("root");
  const { t } = useTranslation("common");
  const page = isRouteErrorResponse(error) ? statusPages[error.status] : undefined;
  if (page) return <ErrorPage title={page.title} text={page.text} links={page.links} />;
  // 503: the database was briefly unreachable (app/utils/database-unavailable.server.ts).
  if (isRouteErrorResponse(error) && error.status === 503) {
    return <ErrorPage title={t("errorPage.unavailableTitle")} text={t("errorPage.unavailableText")} requestId={rootData?.requestId} />;
  }
  return (
    <ErrorPage
      title={t("errorPage.genericTitle")}
      text={t("errorPage.genericText")}
      requestId={rootData?.requestId}
      details={process.env.NODE_ENV === "development" && error instanceof Error ? (error.stack ?? error.message) : null}
    />
  );
}
