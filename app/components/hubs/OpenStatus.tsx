import { useTranslation } from "react-i18next";
import { formatTimeOfDay, weekdayName } from "~/domain/territory/hubs/hub-format";
import type { OpeningStatus } from "~/domain/territory/hubs/opening-hours";

/**
 * "Open now · closes at 13:00" / "Closed now · opens tomorrow at 9:00". The status is worked out
 * on the server (Milan's clock) and shown as text, the coloured dot only repeating it.
 */
export function OpenStatus({ status, className = "" }: { status: OpeningStatus; className?: string }) {
  const { t, i18n } = useTranslation("hub");
  const locale = i18n.language;
  if (status.open) {
    return (
      <p className={`mb-1 ${className}`}>
        <span className="vc-hub-status vc-hub-status-open">{t("status.open")}</span>{" "}
        <span className="vc-hub-status-detail">· {t("status.closesAt", { time: formatTimeOfDay(status.closesAt, locale) })}</span>
      </p>
    );
  }
  if (!status.next) {
    return (
      <p className={`mb-1 ${className}`}>
        <span className="vc-hub-status vc-hub-status-none">{t("status.noHours")}</span>
      </p>
    );
  }
  const time = formatTimeOfDay(status.next.minute, locale);
  const when =
    status.next.daysAhead === 0
      ? t("status.opensToday", { time })
      : status.next.daysAhead === 1
        ? t("status.opensTomorrow", { time })
        : t("status.opensOn", { day: weekdayName(status.next.weekday, locale), time });
  return (
    <p className={`mb-1 ${className}`}>
      <span className="vc-hub-status vc-hub-status-closed">{t("status.closed")}</span> <span className="vc-hub-status-detail">· {when}</span>
    </p>
  );
}
