import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { FieldError, errorAttributes } from "~/components/FieldError";
import { weekdayName } from "~/domain/territory/hubs/hub-format";
import { hoursFieldName, hoursRowKey, type FieldErrors, type HoursValues } from "~/domain/territory/hubs/hub-schemas";
import { MAX_WINDOWS_PER_DAY, WEEKDAYS, windowsOn, type OpeningWindow } from "~/domain/territory/hubs/opening-hours";
import { timeOfDayValue } from "~/domain/territory/hubs/rome-time";
import { HubFormErrors } from "./HubFields";

/**
 * The week's opening hours: per weekday up to three "from–to" rows of time inputs (Milan time).
 * Empty rows are ignored; after an error the rows come back as typed.
 */
export function OpeningHoursForm({ hours, values, errors }: { hours: OpeningWindow[]; values?: HoursValues; errors?: FieldErrors }) {
  const { t, i18n } = useTranslation("hub");
  const e = errors ?? {};
  const valueOf = (weekday: number, row: number, end: "start" | "end") => {
    if (values) return values[hoursFieldName(weekday, row, end)] ?? "";
    const saved = windowsOn(hours, weekday)[row];
    return saved ? timeOfDayValue(end === "start" ? saved.startMinute : saved.endMinute) : "";
  };
  return (
    <Form method="post" noValidate className="vc-form" preventScrollReset>
      <CsrfInput />
      <input type="hidden" name="intent" value="hours" />
      <HubFormErrors errors={errors} />
      <p className="vc-hint">{t("operator.hours.hint")}</p>
      {WEEKDAYS.map((weekday) => {
        const day = weekdayName(weekday, i18n.language);
        return (
          <fieldset key={weekday} className="vc-hub-hours-day">
            <legend className="text-capitalize-first">{day}</legend>
            <div className="vc-hub-hours-rows">
              {Array.from({ length: MAX_WINDOWS_PER_DAY }, (_, row) => {
                const key = hoursRowKey(weekday, row);
                const fieldId = `hours-${weekday}-${row}`;
                const rowLabel = t("operator.hours.rowLabel", { day, n: row + 1 });
                return (
                  <div key={row}>
                    <div className="vc-hub-hours-row">
                      <label htmlFor={`${fieldId}-start`}>
                        {t("operator.hours.from")}
                        <span className="visually-hidden"> ({rowLabel})</span>
                      </label>
                      <input
                        id={`${fieldId}-start`}
                        type="time"
                        step={300}
                        name={hoursFieldName(weekday, row, "start")}
                        defaultValue={valueOf(weekday, row, "start")}
                        {...errorAttributes(fieldId, e[key])}
                      />
                      <label htmlFor={`${fieldId}-end`}>
                        {t("operator.hours.to")}
                        <span className="visually-hidden"> ({rowLabel})</span>
                      </label>
                      <input
                        id={`${fieldId}-end`}
                        type="time"
                        step={300}
                        name={hoursFieldName(weekday, row, "end")}
                        defaultValue={valueOf(weekday, row, "end")}
                        {...errorAttributes(fieldId, e[key])}
                      />
                    </div>
                    <FieldError field={fieldId} messageKey={e[key]} ns="hub" />
                  </div>
                );
              })}
            </div>
          </fieldset>
        );
      })}
      <button type="submit" className="btn btn-primary mt-3">
        {t("operator.hours.save")}
      </button>
    </Form>
  );
}
