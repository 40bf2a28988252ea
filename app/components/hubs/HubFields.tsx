import { useEffect, useRef, type InputHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { FieldError, errorAttributes, hintId } from "~/components/FieldError";
import { TextAreaField } from "~/components/TextAreaField";
import type { FieldErrors } from "~/domain/territory/hubs/hub-schemas";

/** A labelled input of the hub forms, with its hint and its error (a key of the "hub" namespace). */
export function HubInput({
  id,
  label,
  error,
  hint,
  ...input
}: { id: string; label: string; error?: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="form-group">
      <label htmlFor={id}>{label}</label>
      <input id={id} className="form-control" {...input} {...errorAttributes(id, error, hint ? [hintId(id)] : [])} />
      {hint ? (
        <p id={hintId(id)} className="vc-hint">
          {hint}
        </p>
      ) : null}
      <FieldError field={id} messageKey={error} ns="hub" />
    </div>
  );
}

/** A labelled textarea of the hub forms (messages in the "hub" namespace). */
export function HubTextarea(props: Omit<Parameters<typeof TextAreaField>[0], "ns">) {
  return <TextAreaField rows={5} {...props} ns="hub" />;
}

/**
 * At the top of a form that came back with errors: nothing was saved, how many fields to fix,
 * and what is wrong with the form as a whole. Takes the focus so screen readers announce it.
 */
export function HubFormErrors({ errors }: { errors: FieldErrors | undefined }) {
  const { t } = useTranslation("hub");
  const ref = useRef<HTMLDivElement>(null);
  const count = errors ? Object.keys(errors).filter((k) => k !== "_form").length : 0;
  useEffect(() => {
    if (errors && Object.keys(errors).length > 0) ref.current?.focus();
  }, [errors]);
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} className="alert alert-danger" role="alert">
      {errors._form ? <p className="mb-1 fw-semibold">{t(errors._form)}</p> : null}
      {count > 0 ? <p className="mb-0">{t("errors.summary", { count })}</p> : null}
    </div>
  );
}
