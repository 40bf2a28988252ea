import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { describeConflict } from "~/domain/bookings/describe-schedule";
import type { ScheduleConflict } from "~/domain/bookings/schedule";

/**
 * The box at the top of a booking form after a refused submit: a link to every field with an
 * error (in the form's order) and, when the time clashes with the provider's hours or bookings,
 * each clash in words. It takes the focus so screen readers announce it at once.
 */
export function BookingErrorSummary({
  errors,
  order,
  conflicts = [],
  idPrefix = "",
  conflictsHeading,
}: {
  errors: Record<string, string> | undefined;
  /** Field names in the order the form shows them. */
  order: readonly string[];
  conflicts?: ScheduleConflict[];
  /** Prefix of the fields' ids (a page with two forms keeps ids apart). */
  idPrefix?: string;
  conflictsHeading?: string;
}) {
  const { t, i18n } = useTranslation(["booking", "common"]);
  const ref = useRef<HTMLDivElement>(null);
  const hasErrors = !!errors && Object.keys(errors).length > 0;
  useEffect(() => {
    if (hasErrors) ref.current?.focus();
  }, [errors, hasErrors]);
  if (!hasErrors) return null;
  const fields = order.filter((field) => errors![field]);
  const others = Object.keys(errors!).filter((field) => field !== "_form" && !order.includes(field));
  return (
    <div ref={ref} tabIndex={-1} className="alert alert-danger vc-booking-errors" role="alert" aria-labelledby={`${idPrefix}error-summary-title`}>
      <h2 id={`${idPrefix}error-summary-title`} className="h5">
        {t("booking:form.errorSummaryTitle")}
      </h2>
      {errors!._form && errors!._form !== "errors.conflicts" ? <p className="mb-2">{t(`booking:${errors!._form}`)}</p> : null}
      {conflicts.length > 0 ? (
        <>
          <p className="mb-1 fw-semibold">{conflictsHeading ?? t("booking:conflicts.heading")}</p>
          <ul className="vc-conflicts">
            {conflicts.map((conflict, i) => (
              <li key={i}>
                <a href={`#${idPrefix}startTime`}>{describeConflict(t, conflict, i18n.language)}</a>
              </li>
            ))}
          </ul>
          <p className="mb-2">{t("booking:conflicts.keepTyped")}</p>
        </>
      ) : null}
      {fields.length + others.length > 0 ? (
        <>
          <p className="mb-1">{t("booking:form.fixFields", { count: fields.length + others.length })}</p>
          <ul className="mb-0">
            {[...fields, ...others].map((field) => (
              <li key={field}>
                <a href={`#${idPrefix}${field}`}>{t(`booking:${errors![field]}`)}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
