import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { FieldError, errorAttributes } from "~/components/FieldError";
import type { OnboardingView } from "~/domain/providers/onboarding.server";
import {
  isoWeekdays,
  minutesToTime,
  slotFieldName,
  SLOTS_PER_DAY,
  timeOptions,
  type FieldErrors,
} from "~/domain/providers/onboarding-schemas";
import { FormErrorSummary } from "./FormErrorSummary";
import { StepActions } from "./StepActions";

type Values = { days?: Array<Array<{ start: string; end: string }>> };

/**
 * Step 5: for each weekday up to three time ranges on a half-hour grid. Plain selects, so it
 * works without JavaScript; empty ranges are ignored.
 */
export function StepAvailability({ view, errors, values, disabled }: { view: OnboardingView; errors?: FieldErrors; values?: Values; disabled: boolean }) {
  const { t } = useTranslation(["onboarding", "common"]);
  const e = errors ?? {};
  const savedRows = (weekday: number) =>
    view.slots.filter((s) => s.weekday === weekday).map((s) => ({ start: minutesToTime(s.startMinute), end: minutesToTime(s.endMinute) }));
  const row = (dayIndex: number, rowIndex: number) =>
    values?.days?.[dayIndex]?.[rowIndex] ?? savedRows(dayIndex + 1)[rowIndex] ?? { start: "", end: "" };

  return (
    <Form method="post" noValidate className="vc-form vc-step-form">
      <CsrfInput />
      <FormErrorSummary errors={errors} />
      <p className="vc-hint">{t("availability.hint")}</p>
      <FieldError field="days" messageKey={e.days} ns="onboarding" />
      <fieldset disabled={disabled}>
        {isoWeekdays.map(({ code }, dayIndex) => {
          const dayName = t(`common:weekdays.${code}`);
          return (
            <fieldset key={code} className="vc-availability-day">
              <legend>{dayName}</legend>
              <div className="vc-slot-rows">
              {Array.from({ length: SLOTS_PER_DAY }, (_, rowIndex) => {
                const field = `days.${dayIndex}.${rowIndex}`;
                const current = row(dayIndex, rowIndex);
                const startId = `slot-${dayIndex}-${rowIndex}-start`;
                const endId = `slot-${dayIndex}-${rowIndex}-end`;
                return (
                  <div key={rowIndex}>
                    <div className="vc-slot-row">
                      <label htmlFor={startId}>
                        {t("availability.from")}
                        <span className="visually-hidden"> ({t("availability.rowLabel", { day: dayName, n: rowIndex + 1 })})</span>
                      </label>
                      <select id={startId} name={slotFieldName(dayIndex, rowIndex, "start")} defaultValue={current.start} {...errorAttributes(field, e[field])}>
                        <option value="">{t("availability.none")}</option>
                        {timeOptions.slice(0, -1).map((time) => (
                          <option key={time} value={time}>
                            {time}
                          </option>
                        ))}
                      </select>
                      <label htmlFor={endId}>
                        {t("availability.to")}
                        <span className="visually-hidden"> ({t("availability.rowLabel", { day: dayName, n: rowIndex + 1 })})</span>
                      </label>
                      <select id={endId} name={slotFieldName(dayIndex, rowIndex, "end")} defaultValue={current.end} {...errorAttributes(field, e[field])}>
                        <option value="">{t("availability.none")}</option>
                        {timeOptions.slice(1).map((time) => (
                          <option key={time} value={time}>
                            {time}
                          </option>
                        ))}
                      </select>
                    </div>
                    <FieldError field={field} messageKey={e[field]} ns="onboarding" />
                  </div>
                );
              })}
              </div>
            </fieldset>
          );
        })}
      </fieldset>
      <StepActions step="availability" disabled={disabled} />
    </Form>
  );
}
