import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { FieldError, errorId } from "~/components/FieldError";
import type { OnboardingView } from "~/domain/providers/onboarding.server";
import type { FieldErrors } from "~/domain/providers/onboarding-schemas";
import { languageCodes } from "~/domain/search/search-options";
import { FormErrorSummary } from "./FormErrorSummary";
import { StepActions } from "./StepActions";

/** Step 4: the languages the provider speaks with families (what search filters on). */
export function StepLanguages({ view, errors, values, disabled }: { view: OnboardingView; errors?: FieldErrors; values?: { languages?: string[] }; disabled: boolean }) {
  const { t } = useTranslation(["onboarding", "common"]);
  const e = errors ?? {};
  const selected = new Set(values?.languages ?? view.provider.languages);
  return (
    <Form method="post" noValidate className="vc-form vc-step-form">
      <CsrfInput />
      <FormErrorSummary errors={errors} />
      <fieldset disabled={disabled} className="vc-fieldset" aria-describedby={["languages-hint", e.languages ? errorId("languages") : ""].filter(Boolean).join(" ")}>
        <legend className="vc-legend">{t("languages.legend")}</legend>
        <p id="languages-hint" className="vc-hint">
          {t("languages.hint")}
        </p>
        <FieldError field="languages" messageKey={e.languages} ns="onboarding" />
        <div className="vc-checkbox-grid">
          {languageCodes.map((code) => (
            <div className="form-check my-1" key={code}>
              <input id={`language-${code}`} type="checkbox" name="languages" value={code} defaultChecked={selected.has(code)} />
              <label htmlFor={`language-${code}`} className="vc-check-label text-capitalize-first">
                {t(`common:languages.${code}`)}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <StepActions step="languages" disabled={disabled} />
    </Form>
  );
}
