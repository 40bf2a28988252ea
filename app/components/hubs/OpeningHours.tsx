import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/DataTable";
import { formatTimeRange, weekdayName } from "~/domain/territory/hubs/hub-format";
import { WEEKDAYS, groupOpeningDays, windowsOn, type OpeningWindow } from "~/domain/territory/hubs/opening-hours";

/** The week in short, for a list: "lun–ven 9:00–13:00, 14:00–18:00" per run of equal days. */
export function OpeningHoursSummary({ hours }: { hours: OpeningWindow[] }) {
  const { t, i18n } = useTranslation("hub");
  const locale = i18n.language;
  const groups = groupOpeningDays(hours);
  if (groups.length === 0) return <p className="mb-2">{t("hours.none")}</p>;
  return (
    <ul className="vc-hub-hours-summary">
      {groups.map((group) => (
        <li key={group.fromWeekday}>
          <span className="vc-hub-days">
            {group.fromWeekday === group.toWeekday
              ? weekdayName(group.fromWeekday, locale, "short")
              : t("hours.dayRange", { from: weekdayName(group.fromWeekday, locale, "short"), to: weekdayName(group.toWeekday, locale, "short") })}
          </span>
          {group.windows.map((w) => formatTimeRange(w.startMinute, w.endMinute, locale)).join(", ")}
        </li>
      ))}
    </ul>
  );
}

/** The week as a table, one row per weekday (today's marked), closed days said so. */
export function OpeningHoursTable({ hours, today }: { hours: OpeningWindow[]; today: number }) {
  const { t, i18n } = useTranslation("hub");
  const locale = i18n.language;
  return (
    <DataTable caption={t("hours.caption")} className="table vc-hub-hours" responsive={false} columns={[t("hours.day"), t("hours.times")]}>
      {WEEKDAYS.map((weekday) => {
        const windows = windowsOn(hours, weekday);
        const isToday = weekday === today;
        return (
          <tr key={weekday} className={isToday ? "vc-hub-today" : undefined}>
            <th scope="row" className="text-capitalize-first">
              {weekdayName(weekday, locale)}
              {isToday ? <span className="ms-1">({t("hours.today")})</span> : null}
            </th>
            <td>
              {windows.length === 0 ? (
                t("hours.closed")
              ) : (
                <ul className="list-unstyled mb-0">
                  {windows.map((w) => (
                    <li key={w.startMinute}>{formatTimeRange(w.startMinute, w.endMinute, locale)}</li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
