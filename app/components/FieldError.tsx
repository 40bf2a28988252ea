import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** The id a field points at with aria-describedby when it has an error. */
export const errorId = (field: string) => `${field}-error`;

/** The id of a field's hint, for aria-describedby (see errorAttributes). */
export const hintId = (field: string) => `${field}-hint`;

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

/** A field's hint (always shown), then its error message if it has one. */
export function FieldHelp({ field, hint, messageKey, ns }: { field: string; hint: ReactNode; messageKey?: string; ns?: string }) {
  return (
    <>
      <p id={hintId(field)} className="vc-hint">
        {hint}
      </p>
      <FieldError field={field} messageKey={messageKey} ns={ns} />
    </>
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
