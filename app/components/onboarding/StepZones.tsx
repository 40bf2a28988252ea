import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { FieldError, FieldHelp, errorAttributes, errorId, hintId } from "~/components/FieldError";
import { QuartiereSelect, type MunicipioOption, type QuartiereOption } from "~/components/QuartiereSelect";
import { SelectField } from "~/components/SelectField";
import type { OnboardingView } from "~/domain/providers/onboarding.server";
import { radiusChoicesKm, type FieldErrors } from "~/domain/providers/onboarding-schemas";
import { formatKm, formatList } from "~/i18n/format";
import { FormErrorSummary } from "./FormErrorSummary";
import { StepActions } from "./StepActions";
import { useHydrated } from "./useHydrated";
import { useDeviceLocation } from "~/components/useDeviceLocation";

type Values = Partial<Record<"baseQuartiereId" | "lat" | "lng" | "baseAddress" | "radiusKm", string>> & { quartieri?: string[] };


/**
 * Step 3: the base point (a quartiere, or the device's location with a button when JavaScript
 * runs), the address for the operator, a radius, and quartieri picked one by one, by municipio.
 */
export function StepZones({
  view,
  quartieri,
  municipi,
  errors,
  values,
  disabled,
}: {
  view: OnboardingView;
  quartieri: QuartiereOption[];
  municipi: MunicipioOption[];
  errors?: FieldErrors;
  values?: Values;
  disabled: boolean;
}) {
  const { t, i18n } = useTranslation("onboarding");
  const e = errors ?? {};
  const p = view.provider;
  const hydrated = useHydrated();
  const radiusIds = new Set(view.radiusZoneIds);
  const picked = new Set(values?.quartieri ?? view.zoneIds.filter((id) => !radiusIds.has(id)).map(String));
  const { location, locationState, locate, forget } = useDeviceLocation({
    lat: values?.lat ?? (view.baseFromLocation && p.lat !== null ? String(p.lat) : ""),
    lng: values?.lng ?? (view.baseFromLocation && p.lng !== null ? String(p.lng) : ""),
  });

  const groups = municipi.map((m) => ({ municipio: m, items: quartieri.filter((q) => q.municipioIds[0] === m.id) }));
  const radiusNames = quartieri.filter((q) => radiusIds.has(q.id)).map((q) => q.name);

  return (
    <Form method="post" noValidate className="vc-form vc-step-form">
      <CsrfInput />
      <FormErrorSummary errors={errors} />
      <fieldset disabled={disabled}>
        <h2 className="h4">{t("zones.baseHeading")}</h2>
        <p className="vc-hint">{t("zones.baseIntro")}</p>

        <div className="form-group">
          <label htmlFor="baseAddress">
            {t("zones.baseAddress")}
          </label>
          <input
            id="baseAddress"
            name="baseAddress"
            type="text"
            className="form-control"
            defaultValue={values?.baseAddress ?? p.baseAddress ?? ""}
            autoComplete="street-address"
            maxLength={200}
            {...errorAttributes("baseAddress", e.baseAddress, [hintId("baseAddress")])}
          />
          <FieldHelp field="baseAddress" hint={t("zones.baseAddressHint")} messageKey={e.baseAddress} ns="onboarding" />
        </div>

        <div className="row g-3 mb-3">
          <div className="col-12 col-md-6">
            <QuartiereSelect
              id="baseQuartiereId"
              name="baseQuartiereId"
              label={t("zones.baseQuartiere")}
              anyLabel={t("zones.baseQuartiereNone")}
              quartieri={quartieri}
              municipi={municipi}
              defaultValue={values?.baseQuartiereId ?? (p.quartiereId !== null ? String(p.quartiereId) : "")}
              error={e.baseQuartiereId}
              errorNs="onboarding"
            />
          </div>
          <div className="col-12 col-md-6">
            <SelectField
              name="radiusKm"
              label={t("zones.radius")}
              defaultValue={values?.radiusKm ?? String(p.serviceRadiusKm)}
              options={radiusChoicesKm.map((km) => ({
                value: String(km),
                label: km === 0 ? t("zones.radiusNone") : t("zones.radiusKm", { distance: formatKm(km, i18n.language) }),
              }))}
              hint={t("zones.radiusHint")}
              error={e.radiusKm}
              ns="onboarding"
            />
          </div>
        </div>

        <input type="hidden" name="lat" value={location.lat} />
        <input type="hidden" name="lng" value={location.lng} />
        {hydrated ? (
          <div className="mb-4">
            <button type="button" className="btn btn-outline-primary btn-sm me-2" onClick={locate} disabled={locationState === "locating"}>
              {t("zones.useLocation")}
            </button>
            {location.lat ? (
              <button type="button" className="btn btn-link btn-sm" onClick={forget}>
                {t("zones.forgetLocation")}
              </button>
            ) : null}
            <p className="vc-hint mt-2 mb-0" role="status" aria-live="polite">
              {locationState === "idle" ? t("zones.locationHint") : t(`zones.location.${locationState}`)}
            </p>
          </div>
        ) : location.lat ? (
          <p className="vc-hint">{t("zones.location.found")}</p>
        ) : null}
        {e.lat || e.lng ? <FieldError field="lat" messageKey={e.lat ?? e.lng} ns="onboarding" /> : null}

        <fieldset className="vc-fieldset mt-4" aria-describedby={["quartieri-hint", e.quartieri ? errorId("quartieri") : ""].filter(Boolean).join(" ")}>
          <legend className="vc-legend h4">{t("zones.quartieriLegend")}</legend>
          <p id="quartieri-hint" className="vc-hint">
            {t("zones.quartieriHint")}
          </p>
          {radiusNames.length > 0 ? (
            <p className="vc-hint">{t("zones.radiusCovers", { count: radiusNames.length, names: formatList(radiusNames, i18n.language) })}</p>
          ) : null}
          <FieldError field="quartieri" messageKey={e.quartieri} ns="onboarding" />
          {groups
            .filter((g) => g.items.length > 0)
            .map(({ municipio, items }) => {
              const selected = items.filter((q) => picked.has(String(q.id))).length;
              return (
                <details key={municipio.id} className="vc-municipio-group" open={selected > 0 || undefined}>
                  <summary>
                    {municipio.name}
                    {selected > 0 ? ` · ${t("zones.selectedCount", { count: selected })}` : ""}
                  </summary>
                  <div className="vc-checkbox-grid py-2">
                    {items.map((q) => (
                      <div className="form-check my-1" key={q.id}>
                        <input id={`quartiere-${q.id}`} type="checkbox" name="quartieri" value={String(q.id)} defaultChecked={picked.has(String(q.id))} />
                        <label htmlFor={`quartiere-${q.id}`} className="vc-check-label">
                          {q.name}
                        </label>
                      </div>
                    ))}
                  </div>
                </details>
              );
            })}
        </fieldset>
      </fieldset>
      <StepActions step="zones" disabled={disabled} />
    </Form>
  );
}
