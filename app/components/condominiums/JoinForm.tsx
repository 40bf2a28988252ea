import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountField } from "~/components/AccountForm";
import { CsrfInput } from "~/components/CsrfInput";
import { UNIT_LABEL_MAX, type FieldErrors } from "~/domain/sharing/condominiums/schemas";
import { ErrorSummary } from "./ErrorSummary";

/** The invite code (as typed or from the QR link) and the person's unit; posts to /condominiums/join. */
export function JoinForm({
  errors,
  values,
  submitting,
  idPrefix = "",
}: {
  errors?: FieldErrors;
  values?: { code?: string; unitLabel?: string };
  submitting: boolean;
  /** Keeps ids unique when the form sits on a page with another one. */
  idPrefix?: string;
}) {
  const { t } = useTranslation("condominium");
  const e = errors ?? {};
  return (
    <Form method="post" action="/condominiums/join" noValidate className="vc-form">
      <CsrfInput />
      <ErrorSummary errors={errors} fieldIds={{ code: `${idPrefix}code`, unitLabel: `${idPrefix}unitLabel` }} />
      <AccountField
        id={`${idPrefix}code`}
        name="code"
        type="text"
        label={t("fields.code")}
        hint={t("fields.codeHint")}
        ns="condominium"
        required
        maxLength={64}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        className="form-control vc-invite-code-input"
        defaultValue={values?.code}
        error={e.code}
      />
      <AccountField
        id={`${idPrefix}unitLabel`}
        name="unitLabel"
        type="text"
        label={t("fields.unitLabel")}
        hint={t("fields.unitLabelHint")}
        ns="condominium"
        maxLength={UNIT_LABEL_MAX}
        autoComplete="off"
        defaultValue={values?.unitLabel}
        error={e.unitLabel}
      />
      <button type="submit" className="btn btn-primary" disabled={submitting}>
        {t("join.submit")}
      </button>
    </Form>
  );
}
