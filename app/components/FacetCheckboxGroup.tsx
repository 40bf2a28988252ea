import { useTranslation } from "react-i18next";
import { FieldError, errorId } from "./FieldError";

export interface FacetOption {
  value: string;
  label: string;
  /** Results that match this option (from the search facets); undefined when unknown. */
  count?: number;
  /** The label's language, when it differs from the page (e.g. a language's own name). */
  lang?: string;
}

/**
 * A group of checkboxes sharing one name (repeated in the query string), in a fieldset with a
 * legend, with the facet count beside each option. Inputs are uncontrolled: the page syncs them
 * after navigation.
 */
export function FacetCheckboxGroup({
  name,
  legend,
  options,
  selected,
  error,
  form,
  columns = 1,
}: {
  name: string;
  legend: string;
  options: FacetOption[];
  selected: string[];
  error?: string;
  form?: string;
  columns?: 1 | 2;
}) {
  const { t } = useTranslation("search");
  return (
    <fieldset className="vc-fieldset" aria-describedby={error ? errorId(name) : undefined}>
      <legend className="vc-legend">{legend}</legend>
      <FieldError field={name} messageKey={error} />
      <div className={columns === 2 ? "vc-checkbox-grid" : undefined}>
        {options.map((option) => {
          const id = `${name}-${option.value}`;
          return (
            <div className="form-check my-1" key={option.value}>
              <input
                id={id}
                type="checkbox"
                name={name}
                value={option.value}
                form={form}
                defaultChecked={selected.includes(option.value)}
              />
              <label htmlFor={id} className="vc-check-label">
                {option.count === undefined
                  ? option.label
                  : t("form.facetOption", { label: option.label, count: option.count })}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
