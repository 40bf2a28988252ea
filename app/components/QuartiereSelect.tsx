import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export interface QuartiereOption {
  id: number;
  name: string;
  municipioIds: number[];
}
export interface MunicipioOption {
  id: number;
  name: string;
}

/** The 88 NIL quartieri grouped by their (primary) municipio with <optgroup>. */
export function QuartiereSelect({
  id,
  name = "quartiere",
  label,
  anyLabel,
  quartieri,
  municipi,
  defaultValue,
  describedBy,
  invalid,
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
  describedBy?: string;
  invalid?: boolean;
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

  return (
    <div className="select-wrapper">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue ?? ""}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
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
    </div>
  );
}
