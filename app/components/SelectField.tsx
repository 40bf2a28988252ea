import { FieldError, FieldHelp, errorAttributes, hintId } from "./FieldError";

export interface SelectOption {
  value: string;
  label: string;
}

/**
 * A labelled select (its name is also its id), uncontrolled, with an optional hint and an
 * error (a message key of `ns`) below it; `form` ties it to a form it sits outside of.
 */
export function SelectField({
  name,
  label,
  options,
  defaultValue,
  error,
  ns,
  hint,
  form,
  className = "select-wrapper",
}: {
  name: string;
  label: string;
  options: SelectOption[];
  defaultValue: string;
  error?: string;
  /** The namespace of the error's message key (FieldError's default otherwise). */
  ns?: string;
  /** Text under the select that it points at. */
  hint?: string;
  form?: string;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} form={form} defaultValue={defaultValue} {...errorAttributes(name, error, hint ? [hintId(name)] : [])}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint ? <FieldHelp field={name} hint={hint} messageKey={error} ns={ns} /> : <FieldError field={name} messageKey={error} ns={ns} />}
    </div>
  );
}
