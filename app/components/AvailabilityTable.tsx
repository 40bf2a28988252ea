import { useTranslation } from "react-i18next";
import { weekdays } from "~/domain/search/search-options";
import { formatMinutes } from "~/i18n/format";
import { DataTable } from "./DataTable";

export interface AvailabilitySlot {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  startMinute: number;
  endMinute: number;
}

/** Weekly availability as a table: one row per weekday, times as HH:MM. */
export function AvailabilityTable({ slots }: { slots: AvailabilitySlot[] }) {
  const { t } = useTranslation(["provider", "common"]);
  return (
    <DataTable
      caption={t("provider:availability.caption")}
      className="table vc-availability"
      responsive={false}
      columns={[t("provider:availability.day"), t("provider:availability.times")]}
    >
      {weekdays.map((day, index) => {
        const daySlots = slots.filter((slot) => slot.weekday === index + 1);
        return (
          <tr key={day}>
            <th scope="row" className="text-capitalize-first">
              {t(`common:weekdays.${day}`)}
            </th>
            <td>
              {daySlots.length === 0 ? (
                <span className="text-muted-strong">{t("provider:availability.unavailable")}</span>
              ) : (
                <ul className="list-unstyled mb-0">
                  {daySlots.map((slot) => (
                    <li key={`${slot.startMinute}-${slot.endMinute}`}>
                      <span aria-hidden="true">
                        {formatMinutes(slot.startMinute)}–{formatMinutes(slot.endMinute)}
                      </span>
                      <span className="visually-hidden">
                        {t("provider:availability.slot", { start: formatMinutes(slot.startMinute), end: formatMinutes(slot.endMinute) })}
                      </span>
                    </li>
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
