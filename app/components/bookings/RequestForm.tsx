import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { FieldError, errorAttributes, hintId } from "~/components/FieldError";
import { TextAreaField } from "~/components/TextAreaField";
import { QuartiereSelect, type MunicipioOption, type QuartiereOption } from "~/components/QuartiereSelect";
import { MESSAGE_MAX, NOTES_MAX, requestFields, type RequestRaw } from "~/domain/bookings/booking-schemas";
import type { ScheduleConflict } from "~/domain/bookings/schedule";
import { formatMoney } from "~/i18n/format";
import { BookingErrorSummary } from "./BookingErrorSummary";
import { ScheduleFields } from "./ScheduleFields";

export interface RequestFormProvider {
  displayName: string;
  services: Array<{ categorySlug: string; hourlyPriceCents: number; currency: string }>;
}

/** The request form: which service, when, where, for whom, and a first message. */
export function RequestForm({
  provider,
  quartieri,
  municipi,
  values,
  errors,
  conflicts,
  today,
}: {
  provider: RequestFormProvider;
  quartieri: QuartiereOption[];
  municipi: MunicipioOption[];
  values: Partial<RequestRaw>;
  errors: Record<string, string>;
  conflicts: ScheduleConflict[];
  today: string;
}) {
  const { t, i18n } = useTranslation(["booking", "common"]);
  const navigation = useNavigation();
  const sending = navigation.state === "submitting";
  const err = (field: string) => errors[field];
  const onlyService = provider.services.length === 1 ? provider.services[0]!.categorySlug : "";

  return (
    <Form method="post" noValidate className="vc-form vc-booking-form">
      <CsrfInput />
      <BookingErrorSummary errors={errors} order={requestFields} conflicts={conflicts} conflictsHeading={t("booking:conflicts.heading", { name: provider.displayName })} />

      <div className="form-group">
        <label htmlFor="category">{t("booking:request.category")}</label>
        <select id="category" name="category" defaultValue={values.category ?? onlyService} {...errorAttributes("category", err("category"))}>
          <option value="">{t("booking:request.categoryChoose")}</option>
          {provider.services.map((s) => (
            <option key={s.categorySlug} value={s.categorySlug}>
              {t("booking:request.categoryOption", {
                category: t(`common:categories.${s.categorySlug}.name`, { defaultValue: s.categorySlug }),
                price: t("common:price.perHour", { price: formatMoney(s.hourlyPriceCents, s.currency, i18n.language) }),
              })}
            </option>
          ))}
        </select>
        <FieldError field="category" messageKey={err("category")} ns="booking" />
      </div>

      <ScheduleFields values={values} errors={errors} today={today} legend={t("booking:request.whenLegend")} />

      <fieldset className="vc-fieldset">
        <legend className="vc-legend h4">{t("booking:request.whereLegend")}</legend>
        <QuartiereSelect
          id="quartiere"
          label={t("booking:request.quartiere")}
          anyLabel={t("booking:request.quartiereChoose")}
          quartieri={quartieri}
          municipi={municipi}
          defaultValue={values.quartiere ?? ""}
          error={err("quartiere")}
          errorNs="booking"
        />
        <div className="form-group mt-3">
          <label htmlFor="address">{t("booking:request.address")}</label>
          <p id={hintId("address")} className="vc-hint">
            {t("booking:request.addressHint")}
          </p>
          <input
            id="address"
            name="address"
            type="text"
            className="form-control"
            autoComplete="street-address"
            maxLength={200}
            defaultValue={values.address ?? ""}
            {...errorAttributes("address", err("address"), [hintId("address")])}
          />
          <FieldError field="address" messageKey={err("address")} ns="booking" />
        </div>
      </fieldset>

      <fieldset className="vc-fieldset">
        <legend className="vc-legend h4">{t("booking:request.aboutLegend")}</legend>
        <TextAreaField
          id="careNotes"
          name="careNotes"
          label={t("booking:request.careNotes")}
          hint={t("booking:request.careNotesHint")}
          hintBefore
          error={err("careNotes")}
          ns="booking"
          rows={3}
          maxLength={NOTES_MAX}
          defaultValue={values.careNotes ?? ""}
        />
        <div className="form-group">
          <label htmlFor="phone">{t("booking:request.phone")}</label>
          <p id={hintId("phone")} className="vc-hint">
            {t("booking:request.phoneHint")}
          </p>
          <input
            id="phone"
            name="phone"
            type="tel"
            className="form-control"
            autoComplete="tel"
            maxLength={24}
            defaultValue={values.phone ?? ""}
            {...errorAttributes("phone", err("phone"), [hintId("phone")])}
          />
          <FieldError field="phone" messageKey={err("phone")} ns="booking" />
        </div>
        <TextAreaField
          id="message"
          name="message"
          label={t("booking:request.message")}
          hint={t("booking:request.messageHint", { name: provider.displayName })}
          hintBefore
          error={err("message")}
          ns="booking"
          rows={4}
          maxLength={MESSAGE_MAX}
          defaultValue={values.message ?? ""}
        />
      </fieldset>

      <p className="vc-hint mb-3">{t("booking:request.priceNote")}</p>
      <button type="submit" className="btn btn-primary" aria-disabled={sending || undefined}>
        {t("booking:request.submit")}
      </button>
    </Form>
  );
}
