import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { describeSchedule, formatDay, formatRange } from "~/domain/bookings/describe-schedule";
import type { BookingSummary } from "~/domain/bookings/my-bookings.server";
import { formatMoney } from "~/i18n/format";
import { StatusBadge } from "./StatusBadge";

/** A group of bookings on "My bookings": each with its other party, status, time, price and unread messages. */
export function BookingList({ bookings, unread, empty }: { bookings: BookingSummary[]; unread: Record<string, number>; empty: string }) {
  const { t, i18n } = useTranslation(["booking", "common"]);
  const locale = i18n.language;
  if (bookings.length === 0) return <p className="vc-hint">{empty}</p>;
  return (
    <ul className="vc-booking-list">
      {bookings.map((b) => {
        const category = t(`common:categories.${b.categorySlug}.name`, { defaultValue: b.categorySlug });
        const other = b.otherName ?? t("booking:aFamily");
        const messages = unread[b.id] ?? 0;
        return (
          <li key={b.id}>
            <h3>
              <Link to={`/bookings/${b.id}`}>{t("booking:detail.title", { category, name: other })}</Link>
            </h3>
            <p className="mb-1">
              <StatusBadge status={b.status} /> <span className="vc-hint">{t(b.party === "family" ? "booking:list.asFamily" : "booking:list.asProvider")}</span>
            </p>
            <p className="mb-1">{describeSchedule(t, b.pattern, locale)}</p>
            <p className="mb-0 vc-hint">
              {b.nextSession && !["declined", "cancelled", "expired", "no_show", "completed", "reviewed"].includes(b.status)
                ? `${t("booking:list.next", { date: formatDay(b.nextSession.date, locale, { weekday: true }), times: formatRange(b.nextSession) })} · `
                : null}
              {t("booking:list.total", { amount: formatMoney(b.totalCents, b.currency, locale) })}
              {messages > 0 ? (
                <>
                  {" · "}
                  <Link to={`/bookings/${b.id}/messages`}>{t("booking:list.unread", { count: messages })}</Link>
                </>
              ) : null}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
