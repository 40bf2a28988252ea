import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/DataTable";
import type { CalendarDay } from "~/domain/bookings/calendar.server";
import { formatDay, formatRange } from "~/domain/bookings/describe-schedule";
import { StatusBadge } from "./StatusBadge";

/** Upcoming sessions, one small table per day (time, what, with whom, where, status). */
export function CalendarDays({ days }: { days: CalendarDay[] }) {
  const { t, i18n } = useTranslation(["booking", "common"]);
  const locale = i18n.language;
  return (
    <>
      {days.map((day) => {
        const label = formatDay(day.date, locale, { weekday: true });
        const headingId = `day-${day.date}`;
        return (
          <section key={day.date} className="vc-calendar-day" aria-labelledby={headingId}>
            <h2 id={headingId}>
              <time dateTime={day.date} className="text-capitalize-first d-inline-block">
                {label}
              </time>
            </h2>
            <DataTable
              caption={t("booking:calendar.caption", { day: label })}
              className="table"
              columns={[t("booking:calendar.time"), t("booking:calendar.what"), t("booking:calendar.with"), t("booking:calendar.where"), t("booking:calendar.status")]}
            >
              {day.sessions.map((s) => {
                const category = t(`common:categories.${s.categorySlug}.name`, { defaultValue: s.categorySlug });
                return (
                  <tr key={`${s.bookingId}-${s.startMinute}`}>
                    <th scope="row" className="fw-normal text-nowrap">
                      {formatRange(s)}
                    </th>
                    <td>
                      <Link to={`/bookings/${s.bookingId}`}>{category}</Link>
                      <span className="vc-hint d-block">{t(s.party === "family" ? "booking:list.asFamily" : "booking:list.asProvider")}</span>
                    </td>
                    <td>{s.otherName ?? t("booking:aFamily")}</td>
                    <td>{s.quartiereName ?? "—"}</td>
                    <td>
                      <StatusBadge status={s.status} />
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          </section>
        );
      })}
    </>
  );
}
