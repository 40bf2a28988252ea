import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { FieldError, FieldHelp, errorAttributes, hintId } from "~/components/FieldError";
import type { OnboardingView } from "~/domain/providers/onboarding.server";
import { BIO_MAX, BIO_MIN, fileRules, type FieldErrors } from "~/domain/providers/onboarding-schemas";
import { FormErrorSummary } from "./FormErrorSummary";
import { StepActions } from "./StepActions";

type Values = { bio?: Record<string, string>; yearsExperience?: string };

/**
 * Step 6: photo (JPEG, PNG or WebP up to 5 MB), the introduction in Italian and optionally in
 * English and the other languages spoken, and the years of experience.
 */
export function StepProfile({
  view,
  errors,
  values,
  photoSaved,
  disabled,
}: {
  view: OnboardingView;
  errors?: FieldErrors;
  values?: Values;
  photoSaved?: boolean;
  disabled: boolean;
}) {
  const { t } = useTranslation(["onboarding", "common"]);
  const e = errors ?? {};
  const bioLanguages = ["it", "en", ...view.provider.languages.filter((code) => code !== "it" && code !== "en")];
  const bio = (code: string) => values?.bio?.[code] ?? view.provider.bio[code] ?? "";

  return (
    <Form method="post" encType="multipart/form-data" noValidate className="vc-form vc-step-form">
      <CsrfInput />
      <FormErrorSummary errors={errors} />
      {photoSaved ? (
        <p className="alert alert-success" role="status">
          {t("profile.photoSavedDespiteErrors")}
        </p>
      ) : null}
      <fieldset disabled={disabled}>
        <div className="form-group">
          <p className="fw-semibold mb-2">{t("profile.photo")}</p>
          <div className="d-flex flex-wrap align-items-center gap-4">
            {view.photo ? (
              <img src={`/documents/${view.photo.id}`} alt={t("profile.photoAlt", { name: view.provider.displayName })} className="vc-photo-preview" />
            ) : (
              <p className="vc-hint mb-0">{t("profile.noPhoto")}</p>
            )}
            <div>
              <label htmlFor="photo" className="d-block">
                {view.photo ? t("profile.replacePhoto") : t("profile.choosePhoto")}
              </label>
              <input
                id="photo"
                name="photo"
                type="file"
                accept={fileRules.photo.types.join(",")}
                className="form-control"
                {...errorAttributes("photo", e.photo, [hintId("photo")])}
              />
              <FieldHelp
                field="photo"
                hint={t("profile.photoHint", { mb: fileRules.photo.maxBytes / 1024 / 1024 })}
                messageKey={e.photo}
                ns="onboarding"
              />
            </div>
          </div>
        </div>

        <h2 className="h4 mt-4">{t("profile.bioHeading")}</h2>
        <p className="vc-hint">{t("profile.bioHint", { min: BIO_MIN, max: BIO_MAX })}</p>
        {bioLanguages.map((code) => {
          const field = `bio.${code}`;
          const language = t(`common:languages.${code}`);
          return (
            <div className="form-group" key={code}>
              <label htmlFor={`bio-${code}`}>
                {code === "it" ? t("profile.bioItalian") : t("profile.bioOptional", { language })}
              </label>
              <textarea
                id={`bio-${code}`}
                name={field}
                lang={code}
                rows={code === "it" ? 6 : 4}
                className="form-control"
                defaultValue={bio(code)}
                maxLength={BIO_MAX + 200}
                {...errorAttributes(field, e[field])}
              />
              <FieldError field={field} messageKey={e[field]} ns="onboarding" />
            </div>
          );
        })}

        <div className="form-group">
          <label htmlFor="yearsExperience">
            {t("profile.yearsExperience")}
          </label>
          <input
            id="yearsExperience"
            name="yearsExperience"
            type="number"
            min={0}
            max={60}
            step={1}
            inputMode="numeric"
            className="form-control"
            style={{ maxWidth: "8rem" }}
            defaultValue={values?.yearsExperience ?? String(view.provider.yearsExperience)}
            {...errorAttributes("yearsExperience", e.yearsExperience)}
          />
          <FieldError field="yearsExperience" messageKey={e.yearsExperience} ns="onboarding" />
        </div>
      </fieldset>
      <StepActions step="profile" disabled={disabled} />
    </Form>
  );
}
