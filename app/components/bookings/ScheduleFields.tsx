import { useTranslation } from "react-i18next";
import { FieldError, errorAttributes, errorId, hintId } from "~/components/FieldError";
import type { ScheduleRaw } from "~/domain/bookings/booking-schemas";
import { weekdayCode } from "~/domain/bookings/describe-schedule";
import { timeOptions } from "~/domain/providers/onboarding-schemas";

/**
 * When: once (a day) or every week (weekdays, first and last day), and the times. Plain inputs
 * and selects, so it works without JavaScript; the fields of the other choice are hidden by CSS
 * only (`:has`), and ignored by the server anyway.
 */
export function ScheduleFields({
  values,
  errors,
  today,
  idPrefix = "",
  legend,
}: {
  values: Partial<ScheduleRaw>;
  errors: Record<string, string>;
  /** 'YYYY-MM-DD' in Milan: the earliest day that can be chosen. */
  today: string;
  idPrefix?: string;
  legend: string;
}) {
  const { t } = useTranslation(["booking", "common"]);
  const id = (field: string) => `${idPrefix}${field}`;
  const kind = values.kind === "one_off" || values.kind === "recurring" ? values.kind : "recurring";
  const weekdays = new Set(values.weekdays ?? []);
  const err = (field: string) => errors[field];
  const described = (field: string, hint = false) => errorAttributes(id(field), err(field), hint ? [hintId(id(field))] : []);

  const timeSelect = (field: "startTime" | "endTime", options: string[]) => (
    <div className="form-group vc-time-field">
      <label htmlFor={id(field)}>{t(`booking:schedule.${field}`)}</label>
      <select id={id(field)} name={field} defaultValue={values[field] ?? ""} {...described(field)}>
        <option value="">{t("booking:schedule.timeChoose")}</option>
        {options.map((time) => (
          <option key={time} value={time}>
            {time}
          </option>
        ))}
      </select>
      <FieldError field={id(field)} messageKey={err(field)} ns="booking" />
    </div>
  );

  return (
    <fieldset className="vc-fieldset vc-schedule">
      <legend className="vc-legend h4">{legend}</legend>

      <fieldset className="vc-fieldset" id={id("kind")} tabIndex={-1} aria-describedby={err("kind") ? errorId(id("kind")) : undefined}>
        <legend className="vc-legend">{t("booking:schedule.kindLegend")}</legend>
        <FieldError field={id("kind")} messageKey={err("kind")} ns="booking" />
        {(["recurring", "one_off"] as const).map((value) => (
          <div className="form-check form-check-inline" key={value}>
            <input id={id(`kind-${value}`)} type="radio" name="kind" value={value} defaultChecked={kind === value} />
            <label htmlFor={id(`kind-${value}`)} className="vc-check-label">
              {t(`booking:schedule.kind.${value}`)}
            </label>
          </div>
        ))}
      </fieldset>

      <div className="vc-oneoff-fields">
        <div className="form-group">
          <label htmlFor={id("date")}>{t("booking:schedule.date")}</label>
          <p id={hintId(id("date"))} className="vc-hint">
            {t("booking:schedule.dateHint")}
          </p>
          <input id={id("date")} name="date" type="date" className="form-control" min={today} defaultValue={values.date ?? ""} {...described("date", true)} />
          <FieldError field={id("date")} messageKey={err("date")} ns="booking" />
        </div>
      </div>

      <div className="vc-recurring-fields">
        <fieldset
          className="vc-fieldset"
          id={id("weekdays")}
          tabIndex={-1}
          aria-describedby={[hintId(id("weekdays")), err("weekdays") ? errorId(id("weekdays")) : ""].filter(Boolean).join(" ")}
        >
          <legend className="vc-legend">{t("booking:schedule.weekdaysLegend")}</legend>
          <p id={hintId(id("weekdays"))} className="vc-hint">
            {t("booking:schedule.weekdaysHint")}
          </p>
          <FieldError field={id("weekdays")} messageKey={err("weekdays")} ns="booking" />
          <div className="vc-weekday-grid">
            {[1, 2, 3, 4, 5, 6, 7].map((day) => (
              <div className="form-check" key={day}>
                <input id={id(`weekday-${day}`)} type="checkbox" name="weekdays" value={String(day)} defaultChecked={weekdays.has(String(day))} />
                <label htmlFor={id(`weekday-${day}`)} className="vc-check-label text-capitalize-first">
                  {t(`common:weekdays.${weekdayCode(day)}`)}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <div className="vc-date-range">
          <div className="form-group">
            <label htmlFor={id("firstDate")}>{t("booking:schedule.firstDate")}</label>
            <input id={id("firstDate")} name="firstDate" type="date" className="form-control" min={today} defaultValue={values.firstDate ?? ""} {...described("firstDate")} />
            <FieldError field={id("firstDate")} messageKey={err("firstDate")} ns="booking" />
          </div>
          <div className="form-group">
            <label htmlFor={id("lastDate")}>{t("booking:schedule.lastDate")}</label>
            <p id={hintId(id("lastDate"))} className="vc-hint">
              {t("booking:schedule.lastDateHint")}
            </p>
            <input id={id("lastDate")} name="lastDate" type="date" className="form-control" min={today} defaultValue={values.lastDate ?? ""} {...described("lastDate", true)} />
            <FieldError field={id("lastDate")} messageKey={err("lastDate")} ns="booking" />
          </div>
        </div>
      </div>

      <div className="vc-time-range">
        {timeSelect("startTime", timeOptions.slice(0, -1))}
        {timeSelect("endTime", timeOptions.slice(1))}
      </div>
    </fieldset>
  );
}
