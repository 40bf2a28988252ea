import { useTranslation } from "react-i18next";

/** The id a field points at with aria-describedby when it has an error. */
export const errorId = (field: string) => `${field}-error`;

/** A field's error message (a key of the given namespace), shown next to the field. */
export function FieldError({ field, messageKey, ns = "search" }: { field: string; messageKey?: string; ns?: string }) {
  const { t } = useTranslation(ns);
  if (!messageKey) return null;
  return (
    <p id={errorId(field)} className="vc-field-error">
      {t(messageKey)}
    </p>
  );
}

/** Attributes for an input that may have an error (aria-invalid + aria-describedby). */
export function errorAttributes(field: string, messageKey: string | undefined, describedBy: string[] = []) {
  const ids = [...describedBy, ...(messageKey ? [errorId(field)] : [])];
  return {
    "aria-invalid": messageKey ? (true as const) : undefined,
    "aria-describedby": ids.length > 0 ? ids.join(" ") : undefined,
  };
}
