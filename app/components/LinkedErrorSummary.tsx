import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

/**
 * The box above a form that came back with errors: a title, then one link per problem to the
 * field concerned ("form" errors without a link), focused when it appears so screen readers read
 * it first. `errors` maps field names to translation keys of namespace `ns`.
 */
export function LinkedErrorSummary({
  ns,
  errors,
  fieldIds = {},
  titleKey = "errors.summary",
  className = "",
}: {
  ns: string;
  errors: Partial<Record<string, string>> | undefined;
  fieldIds?: Record<string, string>;
  titleKey?: string;
  className?: string;
}) {
  const { t } = useTranslation(ns);
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string");
  useEffect(() => {
    if (entries.length > 0) ref.current?.focus();
  }, [errors]); // eslint-disable-line react-hooks/exhaustive-deps
  if (entries.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} className={`alert alert-danger ${className}`.trim()} role="alert">
      <p className="fw-semibold mb-1">{t(titleKey)}</p>
      <ul className="mb-0">
        {entries.map(([field, key]) => (
          <li key={field}>{field === "form" ? t(key) : <a href={`#${fieldIds[field] ?? field}`}>{t(key)}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

/** A short confirmation after a redirect (?notice=…), in a polite live region. */
export function NoticeBanner({ text, tone = "success" }: { text: string | null; tone?: "success" | "info" | "warning" | "danger" }) {
  if (!text) return null;
  return (
    <div className={`alert alert-${tone}`} role="status">
      <p className="mb-0">{text}</p>
    </div>
  );
}
