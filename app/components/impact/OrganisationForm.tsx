import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { FieldError, errorAttributes, errorId } from "~/components/FieldError";
import { TextAreaField } from "~/components/TextAreaField";
import { networkOrganisationKinds, type OrganisationFieldErrors, type OrganisationFormValues } from "~/domain/impact/network/network-schemas";

/** An operator's form for a network organisation (create, or edit with `organisationId`). */
export function OrganisationForm({
  intent,
  organisationId,
  values,
  errors = {},
  categories,
  quartieri,
  otherQuartieri = [],
  submitLabel,
}: {
  intent: "create" | "update";
  organisationId?: string;
  values: OrganisationFormValues;
  errors?: OrganisationFieldErrors;
  categories: string[];
  /** The quartieri this person may tick. */
  quartieri: Array<{ id: number; name: string }>;
  /** Quartieri the entry also serves, of other operators (kept as they are). */
  otherQuartieri?: string[];
  submitLabel: string;
}) {
  const { t } = useTranslation(["impact", "common"]);
  const p = intent === "create" ? "new-org" : "edit-org";
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Form method="post" action="/operator/network" className="vc-form" noValidate aria-labelledby={`${p}-heading`}>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      {organisationId ? <input type="hidden" name="id" value={organisationId} /> : null}
      {hasErrors ? (
        <div className="alert alert-danger" role="alert">
          <p className="mb-0">{t("network.operator.notSaved")}</p>
          {errors._form ? <p className="mb-0 mt-1">{t(errors._form)}</p> : null}
        </div>
      ) : null}
      <div className="form-group">
        <label htmlFor={`${p}-name`}>{t("network.fields.name")}</label>
        <input id={`${p}-name`} name="name" className="form-control" defaultValue={values.name} maxLength={200} required {...errorAttributes(`${p}-name`, errors.name)} />
        <FieldError field={`${p}-name`} messageKey={errors.name} ns="impact" />
      </div>
      <div className="select-wrapper mb-4">
        <label htmlFor={`${p}-kind`}>{t("network.fields.kind")}</label>
        <select id={`${p}-kind`} name="kind" defaultValue={values.kind || "association"} {...errorAttributes(`${p}-kind`, errors.kind)}>
          {networkOrganisationKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`network.kinds.${kind}`)}
            </option>
          ))}
        </select>
        <FieldError field={`${p}-kind`} messageKey={errors.kind} ns="impact" />
      </div>
      <TextAreaField
        id={`${p}-description`}
        name="description"
        label={t("network.fields.description")}
        error={errors.description}
        ns="impact"
        rows={4}
        maxLength={4000}
        defaultValue={values.description}
      />
      <fieldset className="mb-4" aria-describedby={errors.categories ? errorId(`${p}-categories`) : undefined}>
        <legend className="h6">{t("network.fields.categories")}</legend>
        {categories.map((slug) => (
          <div key={slug} className="form-check">
            <input id={`${p}-cat-${slug}`} type="checkbox" name="categories" value={slug} defaultChecked={values.categories.includes(slug)} />
            <label htmlFor={`${p}-cat-${slug}`} className="vc-check-label">
              {t(`common:categories.${slug}.name`)}
            </label>
          </div>
        ))}
        <FieldError field={`${p}-categories`} messageKey={errors.categories} ns="impact" />
      </fieldset>
      <TextAreaField
        id={`${p}-offers`}
        name="offers"
        label={t("network.fields.offers")}
        hint={t("network.fields.offersHint")}
        error={errors.offers}
        ns="impact"
        rows={3}
        maxLength={2000}
        defaultValue={values.offers}
      />
      <TextAreaField
        id={`${p}-contact`}
        name="contact"
        label={t("network.fields.contact")}
        hint={t("network.fields.contactHint")}
        error={errors.contact}
        ns="impact"
        rows={2}
        maxLength={500}
        defaultValue={values.contact}
      />
      <fieldset className="mb-4" aria-describedby={errors.quartieri ? errorId(`${p}-quartieri`) : undefined}>
        <legend className="h6">{t("network.fields.quartieri")}</legend>
        <div className="row">
          {quartieri.map((q) => (
            <div key={q.id} className="col-12 col-md-6 col-lg-4">
              <div className="form-check">
                <input id={`${p}-q-${q.id}`} type="checkbox" name="quartieri" value={String(q.id)} defaultChecked={values.quartieri.includes(String(q.id))} />
                <label htmlFor={`${p}-q-${q.id}`} className="vc-check-label">
                  {q.name}
                </label>
              </div>
            </div>
          ))}
        </div>
        {otherQuartieri.length > 0 ? <p className="vc-hint">{t("network.operator.otherQuartieri", { quartieri: otherQuartieri.join(", ") })}</p> : null}
        <FieldError field={`${p}-quartieri`} messageKey={errors.quartieri} ns="impact" />
      </fieldset>
      <button type="submit" className="btn btn-primary">
        {submitLabel}
      </button>
    </Form>
  );
}
