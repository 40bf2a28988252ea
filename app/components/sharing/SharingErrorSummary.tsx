import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "~/domain/sharing/need-schemas";

/**
 * The box above a form that came back with errors: one link per problem to its field, focused
 * when it appears so screen readers read it first. Messages are "sharing" keys.
 */
export function SharingErrorSummary({ errors, fieldIds = {} }: { errors: FieldErrors | undefined; fieldIds?: Record<string, string> }) {
  const { t } = useTranslation("sharing");
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string");
  useEffect(() => {
    if (entries.length > 0) ref.current?.focus();
  }, [errors]); // eslint-disable-line react-hooks/exhaustive-deps
  if (entries.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} className="alert alert-danger vc-sharing-errors" role="alert">
      <p className="fw-semibold mb-1">{t("errors.summary")}</p>
      <ul className="mb-0">
        {entries.map(([field, key]) => (
          <li key={field}>{field === "form" ? t(key) : <a href={`#${fieldIds[field] ?? field}`}>{t(key)}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

/** A short confirmation after a redirect (?notice=…), in a polite live region. */
export function SharingNotice({ text, tone = "success" }: { text: string | null; tone?: "success" | "info" | "warning" }) {
  if (!text) return null;
  return (
    <div className={`alert alert-${tone}`} role="status">
      <p className="mb-0">{text}</p>
    </div>
  );
}

/** A refusal the person can act on (a `refusals.<code>` key). */
export function SharingRefusal({ code }: { code: string | null | undefined }) {
  const { t } = useTranslation("sharing");
  if (!code) return null;
  return (
    <div className="alert alert-warning" role="alert">
      <p className="mb-0">{t(`refusals.${code}`, { defaultValue: t("refusals.not_allowed_now") })}</p>
    </div>
  );
}
