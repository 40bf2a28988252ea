import { LinkedErrorSummary } from "~/components/LinkedErrorSummary";
import type { FieldErrors } from "~/domain/sharing/condominiums/schemas";

export { NoticeBanner } from "~/components/LinkedErrorSummary";

/** The condominium forms' error summary (messages are "condominium" keys). */
export function ErrorSummary({ errors, fieldIds }: { errors: FieldErrors | undefined; fieldIds?: Record<string, string> }) {
  return <LinkedErrorSummary ns="condominium" errors={errors} fieldIds={fieldIds} />;
}
