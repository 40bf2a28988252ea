import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountField } from "~/components/AccountForm";
import { CsrfInput } from "~/components/CsrfInput";
import { hintId } from "~/components/FieldError";
import { QuartiereSelect, type MunicipioOption, type QuartiereOption } from "~/components/QuartiereSelect";
import { ADDRESS_MAX, NAME_MAX, UNITS_MAX, UNITS_MIN, UNIT_LABEL_MAX, type FieldErrors } from "~/domain/sharing/condominiums/schemas";
import { ErrorSummary } from "./ErrorSummary";
import { DeviceLocationFields } from "~/components/DeviceLocationFields";
import { useDeviceLocation } from "~/components/useDeviceLocation";

export type CreateValues = Partial<Record<"name" | "address" | "quartiereId" | "units" | "unitLabel" | "lat" | "lng", string>>;

/**
 * Creating a condominium: the building (name, address, quartiere, units), where it is (the
 * device's location with a button when JavaScript runs, else the quartiere's centre, as the hint
 * says), and the creator's own unit.
 */
export function CreateCondominiumForm({
  quartieri,
  municipi,
  errors,
  values,
  submitting,
}: {
  quartieri: QuartiereOption[];
  municipi: MunicipioOption[];
  errors?: FieldErrors;
  values?: CreateValues;
  submitting: boolean;
}) {
  const { t } = useTranslation("condominium");
  const e = errors ?? {};
  const v = values ?? {};
  const device = useDeviceLocation({ lat: v.lat ?? "", lng: v.lng ?? "" }, { highAccuracy: true });
  const locationError = e.location ?? e.lat ?? e.lng;

  return (
    <Form method="post" noValidate className="vc-form">
      <CsrfInput />
      <ErrorSummary errors={errors} fieldIds={{ location: "location-heading", lat: "location-heading", lng: "location-heading" }} />
      <fieldset className="mb-4">
        <legend className="h4">{t("create.buildingLegend")}</legend>
        <AccountField
          name="name"
          type="text"
          label={t("fields.name")}
          hint={t("fields.nameHint")}
          ns="condominium"
          required
          maxLength={NAME_MAX}
          autoComplete="off"
          defaultValue={v.name}
          error={e.name}
        />
        <AccountField
          name="address"
          type="text"
          label={t("fields.address")}
          hint={t("fields.addressHint")}
          ns="condominium"
          required
          maxLength={ADDRESS_MAX}
          autoComplete="street-address"
          defaultValue={v.address}
          error={e.address}
        />
        <div className="form-group">
          <QuartiereSelect
            id="quartiereId"
            name="quartiereId"
            label={t("fields.quartiere")}
            anyLabel={t("fields.quartiereChoose")}
            quartieri={quartieri}
            municipi={municipi}
            defaultValue={v.quartiereId}
            error={e.quartiereId}
            errorNs="condominium"
          />
        </div>
        <AccountField
          name="units"
          type="number"
          inputMode="numeric"
          min={UNITS_MIN}
          max={UNITS_MAX}
          step={1}
          label={t("fields.units")}
          hint={t("fields.unitsHint")}
          ns="condominium"
          required
          defaultValue={v.units}
          error={e.units}
        />
      </fieldset>

      <fieldset className="mb-4" aria-describedby={[hintId("location"), locationError ? "location-error" : ""].filter(Boolean).join(" ")}>
        <legend id="location-heading" className="h4" tabIndex={-1}>
          {t("location.heading")}
        </legend>
        <DeviceLocationFields ns="condominium" device={device} error={locationError} />
      </fieldset>

      <fieldset className="mb-4">
        <legend className="h4">{t("create.youLegend")}</legend>
        <AccountField
          name="unitLabel"
          type="text"
          label={t("fields.unitLabel")}
          hint={t("fields.unitLabelHint")}
          ns="condominium"
          maxLength={UNIT_LABEL_MAX}
          autoComplete="off"
          defaultValue={v.unitLabel}
          error={e.unitLabel}
        />
      </fieldset>

      <button type="submit" className="btn btn-primary me-2" disabled={submitting}>
        {t("create.submit")}
      </button>
      <Link to="/condominiums" className="btn btn-outline-secondary">
        {t("create.cancel")}
      </Link>
    </Form>
  );
}

/** Keeps what was typed, for the form to show again after an error. */
export function createValuesFrom(values: Record<string, string>): CreateValues {
  const keys = ["name", "address", "quartiereId", "units", "unitLabel", "lat", "lng"] as const;
  return Object.fromEntries(keys.map((k) => [k, values[k] ?? ""])) as CreateValues;
}

