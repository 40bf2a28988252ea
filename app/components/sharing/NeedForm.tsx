import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountField } from "~/components/AccountForm";
import { CsrfInput } from "~/components/CsrfInput";
import { FieldError, errorAttributes, errorId, hintId } from "~/components/FieldError";
import { TextAreaField } from "~/components/TextAreaField";
import { QuartiereSelect, type MunicipioOption, type QuartiereOption } from "~/components/QuartiereSelect";
import { weekdayCode } from "~/domain/bookings/describe-schedule";
import { timeOptions } from "~/domain/providers/onboarding-schemas";
import {
  ADDRESS_MAX,
  CONTACT_NOTE_MAX,
  DETAILS_MAX,
  ON_BEHALF_MAX,
  PERSONS_MAX,
  WALK_OPTIONS,
  WINDOW_ROWS,
  type FieldErrors,
  type NeedRaw,
} from "~/domain/sharing/need-schemas";
import { categorySlugs } from "../../../db/seed/catalogue";
import { SharingErrorSummary } from "./SharingErrorSummary";
import { DeviceLocationFields } from "~/components/DeviceLocationFields";
import { useDeviceLocation } from "~/components/useDeviceLocation";


/**
 * A need: what, when (rows of weekdays with from/to times), where (address, quartiere, optionally
 * the device's location, optionally one of the person's condominiums), and about whom (details,
 * children's ages, persons, budget, sharing, walking distance). Plain fields, so it works without
 * JavaScript; "use my location" appears once JavaScript runs. With `onBehalf`, the operator's
 * fields for someone at the hub desk come first.
 */
export function NeedForm({
  values,
  errors,
  quartieri,
  municipi,
  condominiums,
  submitting,
  submitLabel,
  cancelTo,
  onBehalf = false,
  intent,
}: {
  values: NeedRaw;
  errors?: FieldErrors;
  quartieri: QuartiereOption[];
  municipi: MunicipioOption[];
  condominiums: Array<{ id: string; name: string }>;
  submitting: boolean;
  submitLabel: string;
  cancelTo: string;
  onBehalf?: boolean;
  intent?: string;
}) {
  const { t } = useTranslation(["sharing", "common", "booking"]);
  const e = errors ?? {};
  const device = useDeviceLocation({ lat: values.lat, lng: values.lng });
  const rows = Math.max(WINDOW_ROWS, values.windows.length);
  const locationError = e.location ?? e.lat ?? e.lng;

  return (
    <Form method="post" noValidate className="vc-form vc-need-form">
      <CsrfInput />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <SharingErrorSummary errors={errors} fieldIds={{ location: "location-heading", lat: "location-heading", lng: "location-heading" }} />

      {onBehalf ? (
        <fieldset className="vc-fieldset mb-4">
          <legend className="vc-legend h4">{t("form.onBehalfLegend")}</legend>
          <AccountField
            name="onBehalfOf"
            label={t("form.onBehalfOf")}
            hint={t("form.onBehalfOfHint")}
            ns="sharing"
            required
            maxLength={ON_BEHALF_MAX}
            autoComplete="off"
            defaultValue={values.onBehalfOf ?? ""}
            error={e.onBehalfOf}
          />
          <AccountField
            name="contactNote"
            label={t("form.contactNote")}
            hint={t("form.contactNoteHint")}
            ns="sharing"
            maxLength={CONTACT_NOTE_MAX}
            autoComplete="off"
            defaultValue={values.contactNote ?? ""}
            error={e.contactNote}
          />
        </fieldset>
      ) : null}

      <fieldset className="vc-fieldset mb-4">
        <legend className="vc-legend h4">{t("form.whatLegend")}</legend>
        <div className="select-wrapper form-group">
          <label htmlFor="category">{t("form.category")}</label>
          <select id="category" name="category" defaultValue={values.category} {...errorAttributes("category", e.category)}>
            <option value="">{t("form.categoryChoose")}</option>
            {categorySlugs.map((slug) => (
              <option key={slug} value={slug}>
                {t(`common:categories.${slug}.name`)}
              </option>
            ))}
          </select>
          <FieldError field="category" messageKey={e.category} ns="sharing" />
        </div>
      </fieldset>

      <fieldset className="vc-fieldset mb-4" aria-describedby={hintId("windows")}>
        <legend className="vc-legend h4">{t("form.whenLegend")}</legend>
        <p id={hintId("windows")} className="vc-hint">
          {t("form.whenHint")}
        </p>
        {Array.from({ length: rows }, (_, i) => {
          const row = values.windows[i] ?? { days: [], from: "", to: "" };
          const id = `w${i}`;
          const days = new Set(row.days);
          return (
            <fieldset key={id} id={id} tabIndex={-1} className="vc-fieldset vc-window-row" aria-describedby={e[id] ? errorId(id) : undefined}>
              <legend className="vc-legend">{i === 0 ? t("form.windowFirst") : t("form.windowMore", { n: i + 1 })}</legend>
              <FieldError field={id} messageKey={e[id]} ns="sharing" />
              <div className="vc-weekday-grid">
                {[1, 2, 3, 4, 5, 6, 7].map((day) => (
                  <div className="form-check" key={day}>
                    <input id={`${id}-day-${day}`} type="checkbox" name={`${id}_days`} value={String(day)} defaultChecked={days.has(String(day))} />
                    <label htmlFor={`${id}-day-${day}`} className="vc-check-label">
                      {t(`common:weekdays.${weekdayCode(day)}`)}
                    </label>
                  </div>
                ))}
              </div>
              <div className="vc-time-range">
                {(["from", "to"] as const).map((field) => (
                  <div className="form-group vc-time-field" key={field}>
                    <label htmlFor={`${id}-${field}`}>{t(`form.${field}`)}</label>
                    <select id={`${id}-${field}`} name={`${id}_${field}`} defaultValue={row[field]}>
                      <option value="">{t("form.timeChoose")}</option>
                      {(field === "from" ? timeOptions.slice(0, -1) : timeOptions.slice(1)).map((time) => (
                        <option key={time} value={time}>
                          {time}
                        </option>
                      ))}
                    </select>
                  </div>
                ))}
              </div>
            </fieldset>
          );
        })}
      </fieldset>

      <fieldset className="vc-fieldset mb-4">
        <legend className="vc-legend h4">{t("form.whereLegend")}</legend>
        <AccountField
          name="address"
          label={t("form.address")}
          hint={t("form.addressHint")}
          ns="sharing"
          required
          maxLength={ADDRESS_MAX}
          autoComplete="street-address"
          defaultValue={values.address}
          error={e.address}
        />
        <div className="form-group">
          <QuartiereSelect
            id="quartiereId"
            name="quartiereId"
            label={t("form.quartiere")}
            anyLabel={t("form.quartiereChoose")}
            quartieri={quartieri}
            municipi={municipi}
            defaultValue={values.quartiereId}
            error={e.quartiereId}
            errorNs="sharing"
          />
        </div>
        <div
          className="vc-fieldset"
          role="group"
          aria-labelledby="location-heading"
          aria-describedby={[hintId("location"), locationError ? errorId("location") : ""].filter(Boolean).join(" ")}
        >
          <p id="location-heading" className="vc-legend" tabIndex={-1}>
            {t("location.heading")}
          </p>
          <DeviceLocationFields ns="sharing" device={device} error={locationError} />
        </div>
        {!onBehalf && condominiums.length > 0 ? (
          <div className="select-wrapper form-group">
            <label htmlFor="condominiumId">{t("form.condominium")}</label>
            <select
              id="condominiumId"
              name="condominiumId"
              defaultValue={values.condominiumId}
              {...errorAttributes("condominiumId", e.condominiumId, [hintId("condominiumId")])}
            >
              <option value="">{t("form.condominiumNone")}</option>
              {condominiums.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            <p id={hintId("condominiumId")} className="vc-hint">
              {t("form.condominiumHint")}
            </p>
            <FieldError field="condominiumId" messageKey={e.condominiumId} ns="sharing" />
          </div>
        ) : (
          <input type="hidden" name="condominiumId" value="" />
        )}
      </fieldset>

      <fieldset className="vc-fieldset mb-4">
        <legend className="vc-legend h4">{t("form.whoLegend")}</legend>
        <TextAreaField
          id="details"
          name="details"
          label={t("form.details")}
          hint={t("form.detailsHint")}
          error={e.details}
          ns="sharing"
          rows={4}
          maxLength={DETAILS_MAX}
          defaultValue={values.details}
        />
        <AccountField
          name="persons"
          type="number"
          inputMode="numeric"
          min={1}
          max={PERSONS_MAX}
          step={1}
          label={t("form.persons")}
          hint={t("form.personsHint")}
          ns="sharing"
          defaultValue={values.persons}
          error={e.persons}
        />
        <AccountField
          name="childrenAges"
          label={t("form.childrenAges")}
          hint={t("form.childrenAgesHint")}
          ns="sharing"
          inputMode="numeric"
          autoComplete="off"
          maxLength={60}
          defaultValue={values.childrenAges}
          error={e.childrenAges}
        />
        <AccountField
          name="budget"
          label={t("form.budget")}
          hint={t("form.budgetHint")}
          ns="sharing"
          inputMode="decimal"
          autoComplete="off"
          maxLength={12}
          defaultValue={values.budget}
          error={e.budget}
        />
        <fieldset className="vc-fieldset" id="openToSharing" aria-describedby={hintId("openToSharing")}>
          <legend className="vc-legend">{t("form.openToSharing")}</legend>
          <p id={hintId("openToSharing")} className="vc-hint">
            {t("form.openToSharingHint")}
          </p>
          {(["yes", "no"] as const).map((value) => (
            <div className="form-check form-check-inline" key={value}>
              <input id={`openToSharing-${value}`} type="radio" name="openToSharing" value={value} defaultChecked={(values.openToSharing || "yes") === value} />
              <label htmlFor={`openToSharing-${value}`} className="vc-check-label">
                {t(`form.openToSharingChoice.${value}`)}
              </label>
            </div>
          ))}
          <FieldError field="openToSharing" messageKey={e.openToSharing} ns="sharing" />
        </fieldset>
        <div className="select-wrapper form-group">
          <label htmlFor="maxWalk">{t("form.maxWalk")}</label>
          <select id="maxWalk" name="maxWalk" defaultValue={values.maxWalk || "500"} {...errorAttributes("maxWalk", e.maxWalk)}>
            {WALK_OPTIONS.map((m) => (
              <option key={m} value={String(m)}>
                {t("form.maxWalkOption", { metres: m })}
              </option>
            ))}
          </select>
          <FieldError field="maxWalk" messageKey={e.maxWalk} ns="sharing" />
        </div>
      </fieldset>

      <button type="submit" className="btn btn-primary me-2" disabled={submitting}>
        {submitLabel}
      </button>
      <Link to={cancelTo} className="btn btn-outline-secondary">
        {t("form.cancel")}
      </Link>
    </Form>
  );
}
