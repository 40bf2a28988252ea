import { isRouteErrorResponse } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { pageTitle, rootMetaData } from "~/i18n/meta";
import { resources } from "~/i18n/resources";

/** The booking pages' error page: 403 (not your booking, not a family account), 404, or a generic error. */
export function BookingErrorBoundary() {
  const { t } = useTranslation(["booking", "common"]);
  return (
    <GeneralErrorBoundary
      statusPages={{
        403: {
          title: t("booking:forbidden.title"),
          text: t("booking:forbidden.text"),
          links: [
            { to: "/bookings", label: t("booking:forbidden.toBookings") },
            { to: "/", label: t("common:errorPage.backHome") },
          ],
        },
        404: {
          title: t("booking:notFound.title"),
          text: t("booking:notFound.text"),
          links: [
            { to: "/bookings", label: t("booking:forbidden.toBookings") },
            { to: "/search", label: t("common:errorPage.searchAgain") },
          ],
        },
      }}
    />
  );
}

type MatchLike = { id: string; data?: unknown };

/** Meta tags of a booking page: its title (or the error's, translated), never indexed. */
export function bookingMeta(matches: readonly MatchLike[], error: unknown, title: string | undefined) {
  if (error) {
    const locale = (rootMetaData(matches)?.locale ?? "it") as keyof typeof resources;
    const texts = (resources[locale] ?? resources.it).booking as unknown as Record<string, { title?: string }>;
    const status = isRouteErrorResponse(error) ? error.status : 500;
    const fullTitle =
      status === 403
        ? pageTitle(matches, texts.forbidden?.title)
        : status === 404
          ? pageTitle(matches, texts.notFound?.title)
          : (rootMetaData(matches)?.titles.error ?? pageTitle(matches, undefined));
    return [{ title: fullTitle }, { name: "robots", content: "noindex" }];
  }
  return [{ title: pageTitle(matches, title) }, { name: "robots", content: "noindex" }];
}
