import { useTranslation } from "react-i18next";
import { describeSchedule, formatDay, formatRange } from "~/domain/bookings/describe-schedule";
import type { PriceBreakdown, Session, WeeklyPattern } from "~/domain/bookings/schedule";
import { formatMoney, formatNumber } from "~/i18n/format";

/** "12 sessions × 2 h × €12.00/h = €288": how the total was computed, in the page language. */
export function PriceLine({ price, currency }: { price: PriceBreakdown; currency: string }) {
  const { t, i18n } = useTranslation("booking");
  const locale = i18n.language;
  return (
    <span>
      {t("terms.priceLine", {
        count: price.sessions,
        sessions: formatNumber(price.sessions, locale),
        hours: formatNumber(price.minutesPerSession / 60, locale, { maximumFractionDigits: 2 }),
        hourly: formatMoney(price.hourlyPriceCents, currency, locale),
        total: formatMoney(price.totalCents, currency, locale),
      })}
    </span>
  );
}

export function ScheduleText({ pattern }: { pattern: WeeklyPattern }) {
  const { t, i18n } = useTranslation(["booking", "common"]);
  return <>{describeSchedule(t, pattern, i18n.language)}</>;
}

/** The next few sessions as a list of days and times. */
export function NextSessions({ sessions }: { sessions: Session[] }) {
  const { t, i18n } = useTranslation("booking");
  if (sessions.length === 0) return <p className="mb-0">{t("terms.noNextSessions")}</p>;
  return (
    <ul className="mb-0">
      {sessions.map((s) => (
        <li key={s.date}>
          <time dateTime={s.date}>{formatDay(s.date, i18n.language, { weekday: true })}</time>, {formatRange(s)}
        </li>
      ))}
    </ul>
  );
}
