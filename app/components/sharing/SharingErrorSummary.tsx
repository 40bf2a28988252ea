import { LinkedErrorSummary } from "~/components/LinkedErrorSummary";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "~/domain/sharing/need-schemas";

/** The sharing forms' error summary (messages are "sharing" keys). */
export function SharingErrorSummary({ errors, fieldIds }: { errors: FieldErrors | undefined; fieldIds?: Record<string, string> }) {
  return <LinkedErrorSummary ns="sharing" errors={errors} fieldIds={fieldIds} className="vc-sharing-errors" />;
}

/** A short confirmation after a redirect (?notice=…), in a polite live region. */
export { NoticeBanner as SharingNotice } from "~/components/LinkedErrorSummary";

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
