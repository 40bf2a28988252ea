import type { ReactNode, TextareaHTMLAttributes } from "react";
import { FieldError, errorAttributes, hintId } from "./FieldError";

/**
 * A labelled textarea with its hint and its error (a key of `ns`), both wired to it through
 * aria-describedby. The hint reads after the box unless `hintBefore` (for instructions that must
 * be read before typing).
 */
export function TextAreaField({
  id,
  label,
  hint,
  hintBefore = false,
  error,
  ns,
  className = "form-group",
  ...textarea
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  hintBefore?: boolean;
  error?: string;
  ns: string;
  /** Of the group around label, box and messages. */
  className?: string;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "className">) {
  const hintText = hint ? (
    <p id={hintId(id)} className="vc-hint">
      {hint}
    </p>
  ) : null;
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {hintBefore ? hintText : null}
      <textarea id={id} className="form-control" {...textarea} {...errorAttributes(id, error, hint ? [hintId(id)] : [])} />
      {hintBefore ? null : hintText}
      <FieldError field={id} messageKey={error} ns={ns} />
    </div>
  );
}
