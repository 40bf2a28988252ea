import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { privatePageMeta } from "~/i18n/meta";

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

/** Meta tags of a booking page: its title (or the error's, translated) and never indexed. */
export function bookingMeta(matches: readonly MatchLike[], error: unknown, title: string | undefined) {
  return privatePageMeta("booking", matches, error, title);
}
