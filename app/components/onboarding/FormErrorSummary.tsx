import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "~/domain/providers/onboarding-schemas";

/**
 * The box at the top of a form after a failed save: says that nothing saved before is lost,
 * what is wrong with the form as a whole, and takes the focus so screen readers announce it.
 */
export function FormErrorSummary({ errors }: { errors: FieldErrors | undefined }) {
  const { t } = useTranslation("onboarding");
  const ref = useRef<HTMLDivElement>(null);
  const count = errors ? Object.keys(errors).filter((k) => k !== "_form").length : 0;
  useEffect(() => {
    if (errors && Object.keys(errors).length > 0) ref.current?.focus();
  }, [errors]);
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} className="alert alert-danger" role="alert">
      {errors._form ? <p className="mb-1 fw-semibold">{t(errors._form)}</p> : null}
      {count > 0 ? <p className="mb-0">{t("form.errorSummary", { count })}</p> : null}
    </div>
  );
}
