import { useEffect, useRef, type InputHTMLAttributes, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PASSWORD_MIN_LENGTH } from "~/domain/accounts/schemas";
import { FieldError, errorAttributes } from "./FieldError";

/**
 * Pieces of the account forms (sign-up, sign-in, password, profile): a labelled field with its
 * hint and error wired through aria-describedby, an error summary, and a notice after a redirect.
 * Messages are keys of the "auth" namespace unless `ns` says otherwise.
 */

export function AccountField({
  name,
  label,
  error,
  hint,
  ns = "auth",
  id,
  ...input
}: {
  name: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  ns?: string;
} & InputHTMLAttributes<HTMLInputElement>) {
  const fieldId = id ?? name;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  return (
    <div className="form-group">
      <label htmlFor={fieldId}>{label}</label>
      <input id={fieldId} name={name} className="form-control" {...input} {...errorAttributes(fieldId, error, hintId ? [hintId] : [])} />
      {hint ? (
        <p id={hintId} className="vc-hint">
          {hint}
        </p>
      ) : null}
      <FieldError field={fieldId} messageKey={error} ns={ns} />
    </div>
  );
}

/** The e-mail field of the account forms ("username" where it signs in, for password managers). */
export function EmailField({ defaultValue, error, purpose = "email" }: { defaultValue?: string; error?: string; purpose?: "email" | "username" }) {
  const { t } = useTranslation("auth");
  return (
    <AccountField
      name="email"
      type="email"
      label={t("fields.email")}
      autoComplete={purpose}
      inputMode="email"
      spellCheck={false}
      required
      maxLength={254}
      defaultValue={defaultValue}
      error={error}
    />
  );
}

/** A new password with the policy as its hint (never refilled after an error). */
export function NewPasswordField({ error }: { error?: string }) {
  const { t } = useTranslation("auth");
  return (
    <AccountField
      name="password"
      type="password"
      label={t("fields.newPassword")}
      hint={t("passwordPolicy", { min: PASSWORD_MIN_LENGTH })}
      autoComplete="new-password"
      required
      minLength={PASSWORD_MIN_LENGTH}
      error={error}
    />
  );
}

/** Shown above a form that came back with errors; screen readers announce it. */
export function FormErrorSummary({ show, message, children }: { show: boolean; message?: string; children?: ReactNode }) {
  const { t } = useTranslation("auth");
  if (!show) return null;
  return (
    <div className="alert alert-danger" role="alert">
      <p className="mb-0">{message ?? t("errors.summary")}</p>
      {children}
    </div>
  );
}

/** A confirmation after a redirect (?notice=…), in a polite live region. */
export function Notice({ text, tone = "success" }: { text: string | null | undefined; tone?: "success" | "info" | "warning" }) {
  if (!text) return null;
  return (
    <div className={`alert alert-${tone}`} role="status">
      <p className="mb-0">{text}</p>
    </div>
  );
}

/**
 * A ref for a form whose password fields empty themselves when the action answers (with
 * JavaScript the fields are not re-rendered, so a refused password would otherwise stay there).
 */
export function useClearedPasswords(actionResult: unknown) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!actionResult || !ref.current) return;
    for (const input of Array.from(ref.current.querySelectorAll<HTMLInputElement>('input[type="password"]'))) input.value = "";
  }, [actionResult]);
  return ref;
}
