import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { FieldError, errorId } from "~/components/FieldError";
import { HUB_ADDRESS_MAX, HUB_NAME_MAX, type FieldErrors, type HubDetailsValues } from "~/domain/territory/hubs/hub-schemas";
import type { MunicipioSummary, QuartiereSummary } from "~/domain/territory/territory.server";
import { HubFormErrors, HubInput } from "./HubFields";

/**
 * A hub's name, address and coordinates; for an admin also the quartieri it covers (checkboxes
 * grouped by municipio, the groups with a choice open). `intent` says which action it is.
 */
export function HubDetailsForm({
  intent,
  idPrefix,
  values,
  errors,
  coverage,
  submitLabel,
}: {
  intent: "details" | "create";
  idPrefix: string;
  values: HubDetailsValues;
  errors?: FieldErrors;
  /** Given to an admin: the quartieri to choose from. */
  coverage?: { quartieri: QuartiereSummary[]; municipi: MunicipioSummary[] };
  submitLabel: string;
}) {
  const { t } = useTranslation("hub");
  const e = errors ?? {};
  const id = (field: string) => `${idPrefix}-${field}`;
  return (
    <Form method="post" noValidate className="vc-form">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <HubFormErrors errors={errors} />
      <div className="row g-3">
        <div className="col-12 col-md-6">
          <HubInput id={id("name")} name="name" label={t("operator.details.name")} defaultValue={values.name} maxLength={HUB_NAME_MAX} required error={e.name} />
        </div>
        <div className="col-12 col-md-6">
          <HubInput
            id={id("address")}
            name="address"
            label={t("operator.details.address")}
            defaultValue={values.address}
            maxLength={HUB_ADDRESS_MAX}
            required
            autoComplete="off"
            error={e.address}
          />
        </div>
        <div className="col-6 col-md-3">
          <HubInput id={id("lat")} name="lat" label={t("operator.details.lat")} defaultValue={values.lat} inputMode="decimal" error={e.lat} />
        </div>
        <div className="col-6 col-md-3">
          <HubInput id={id("lng")} name="lng" label={t("operator.details.lng")} defaultValue={values.lng} inputMode="decimal" error={e.lng} />
        </div>
        <div className="col-12 col-md-6">
          <p className="vc-hint mt-md-4">{intent === "create" ? t("operator.details.coordsHintNew") : t("operator.details.coordsHint")}</p>
        </div>
      </div>
      {coverage ? <CoverageFieldset idPrefix={idPrefix} coverage={coverage} picked={new Set(values.quartieri)} error={e.quartieri} /> : null}
      <button type="submit" className="btn btn-primary mt-3">
        {submitLabel}
      </button>
    </Form>
  );
}

function CoverageFieldset({
  idPrefix,
  coverage,
  picked,
  error,
}: {
  idPrefix: string;
  coverage: { quartieri: QuartiereSummary[]; municipi: MunicipioSummary[] };
  picked: Set<string>;
  error?: string;
}) {
  const { t } = useTranslation("hub");
  const errorField = `${idPrefix}-quartieri`;
  const hint = `${idPrefix}-quartieri-hint`;
  const groups = coverage.municipi.map((municipio) => ({
    municipio,
    items: coverage.quartieri.filter((q) => q.municipioIds[0] === municipio.id),
  }));
  return (
    <fieldset className="vc-fieldset mt-3" aria-describedby={[hint, error ? errorId(errorField) : ""].filter(Boolean).join(" ")}>
      <legend className="vc-legend h5">{t("operator.details.quartieri")}</legend>
      <p id={hint} className="vc-hint">
        {t("operator.details.quartieriHint")}
      </p>
      <FieldError field={errorField} messageKey={error} ns="hub" />
      {groups
        .filter((g) => g.items.length > 0)
        .map(({ municipio, items }) => {
          const selected = items.filter((q) => picked.has(String(q.id))).length;
          return (
            <details key={municipio.id} className="vc-hub-municipio" open={selected > 0 || undefined}>
              <summary>
                {municipio.name}
                {selected > 0 ? ` · ${t("operator.details.selected", { count: selected })}` : ""}
              </summary>
              <div className="vc-checkbox-grid py-2">
                {items.map((q) => (
                  <div className="form-check my-1" key={q.id}>
                    <input id={`${idPrefix}-q-${q.id}`} type="checkbox" name="quartieri" value={String(q.id)} defaultChecked={picked.has(String(q.id))} />
                    <label htmlFor={`${idPrefix}-q-${q.id}`} className="vc-check-label">
                      {q.name}
                    </label>
                  </div>
                ))}
              </div>
            </details>
          );
        })}
    </fieldset>
  );
}
