import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FieldError, errorId } from "./FieldError";

export interface QuartiereOption {
  id: number;
  name: string;
  municipioIds: number[];
}
export interface MunicipioOption {
  id: number;
  name: string;
}

/**
 * The 88 NIL quartieri grouped by their (primary) municipio with <optgroup>. With an error (a
 * message key of `errorNs`), the select is marked invalid and the message shown below it.
 */
export function QuartiereSelect({
  id,
  name = "quartiere",
  label,
  anyLabel,
  quartieri,
  municipi,
  defaultValue,
  describedBy,
  error,
  errorNs,
  form,
  children,
}: {
  id: string;
  name?: string;
  label: string;
  anyLabel: string;
  quartieri: QuartiereOption[];
  municipi: MunicipioOption[];
  defaultValue?: string;
  /** Ids of further text describing the field (a hint given as children). */
  describedBy?: string;
  error?: string;
  errorNs?: string;
  form?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation("common");
  const groups = municipi.map((m) => ({
    key: String(m.id),
    label: m.name,
    items: quartieri.filter((q) => q.municipioIds[0] === m.id),
  }));
  const known = new Set(municipi.map((m) => m.id));
  const others = quartieri.filter((q) => q.municipioIds.length === 0 || !known.has(q.municipioIds[0]));
  if (others.length > 0) groups.push({ key: "other", label: t("home.otherQuartieri"), items: others });
  const describedByIds = [describedBy, error ? errorId(id) : undefined].filter(Boolean).join(" ");

  return (
    <div className="select-wrapper">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue ?? ""}
        aria-describedby={describedByIds || undefined}
        aria-invalid={error ? true : undefined}
        form={form}
      >
        <option value="">{anyLabel}</option>
        {groups
          .filter((g) => g.items.length > 0)
          .map((group) => (
            <optgroup key={group.key} label={group.label}>
              {group.items.map((q) => (
                <option key={q.id} value={String(q.id)}>
                  {q.name}
                </option>
              ))}
            </optgroup>
          ))}
      </select>
      {children}
      <FieldError field={id} messageKey={error} ns={errorNs} />
    </div>
  );
}
