import { Form } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { FieldError, FieldHelp, errorAttributes, hintId } from "~/components/FieldError";
import type { OnboardingView } from "~/domain/providers/onboarding.server";
import type { FieldErrors } from "~/domain/providers/onboarding-schemas";
import { FormErrorSummary } from "./FormErrorSummary";
import { StepActions } from "./StepActions";
import { useHydrated } from "./useHydrated";

type Values = Partial<Record<"kind" | "displayName" | "organisationName" | "fiscalCode" | "vatNumber", string>>;

/** Step 1: a person or an organisation, the public name, and the tax codes (checked by checksum). */
export function StepIdentity({ view, errors, values, disabled }: { view: OnboardingView | null; errors?: FieldErrors; values?: Values; disabled: boolean }) {
  const { t } = useTranslation("onboarding");
  const saved = view?.provider;
  const isWorker = view?.organisation != null;
  const value = (key: keyof Values, fallback: string | null | undefined) => values?.[key] ?? fallback ?? "";
  const [kind, setKind] = useState(value("kind", saved?.kind) || "individual");
  // Without JavaScript every field shows (the organisation ones say so); with it, only the chosen kind's.
  const hydrated = useHydrated();
  const showOrganisation = !isWorker && (!hydrated || kind === "organisation");
  const e = errors ?? {};

  return (
    <Form method="post" noValidate className="vc-form vc-step-form">
      <CsrfInput />
      <FormErrorSummary errors={errors} />
      <fieldset disabled={disabled}>
        {isWorker ? (
          <>
            <input type="hidden" name="kind" value="individual" />
            <p className="alert alert-info">{t("identity.workerNote", { organisation: view?.organisation?.name })}</p>
          </>
        ) : (
          <fieldset className="vc-fieldset mb-4" aria-describedby={e.kind ? "kind-error" : undefined}>
            <legend className="vc-legend">{t("identity.kind")}</legend>
            <FieldError field="kind" messageKey={e.kind} ns="onboarding" />
            {(["individual", "organisation"] as const).map((option) => (
              <div className="form-check" key={option}>
                <input
                  id={`kind-${option}`}
                  type="radio"
                  name="kind"
                  value={option}
                  checked={kind === option}
                  onChange={() => setKind(option)}
                />
                <label htmlFor={`kind-${option}`}>
                  {t(`identity.kinds.${option}`)}
                  <span className="d-block vc-hint">{t(`identity.kindHints.${option}`)}</span>
                </label>
              </div>
            ))}
          </fieldset>
        )}

        {showOrganisation ? (
          <div className="form-group">
            <label htmlFor="organisationName">
              {t("identity.organisationName")}
            </label>
            <input
              id="organisationName"
              name="organisationName"
              type="text"
              className="form-control"
              defaultValue={value("organisationName", saved?.organisationName)}
              autoComplete="organization"
              maxLength={120}
              {...errorAttributes("organisationName", e.organisationName)}
            />
            <FieldError field="organisationName" messageKey={e.organisationName} ns="onboarding" />
          </div>
        ) : null}

        <div className="form-group">
          <label htmlFor="displayName">
            {t(kind === "organisation" ? "identity.displayNameOrganisation" : "identity.displayName")}
          </label>
          <input
            id="displayName"
            name="displayName"
            type="text"
            className="form-control"
            defaultValue={value("displayName", saved?.displayName)}
            autoComplete={kind === "organisation" ? "organization" : "name"}
            maxLength={80}
            {...errorAttributes("displayName", e.displayName, [hintId("displayName")])}
          />
          <FieldHelp
            field="displayName"
            hint={t(kind === "organisation" ? "identity.displayNameOrganisationHint" : "identity.displayNameHint")}
            messageKey={e.displayName}
            ns="onboarding"
          />
        </div>

        {showOrganisation ? (
          <div className="form-group">
            <label htmlFor="vatNumber">
              {t("identity.vatNumber")}
            </label>
            <input
              id="vatNumber"
              name="vatNumber"
              type="text"
              inputMode="numeric"
              className="form-control"
              defaultValue={value("vatNumber", saved?.vatNumber)}
              maxLength={20}
              autoComplete="off"
              spellCheck={false}
              {...errorAttributes("vatNumber", e.vatNumber, [hintId("vatNumber")])}
            />
            <FieldHelp field="vatNumber" hint={t("identity.vatNumberHint")} messageKey={e.vatNumber} ns="onboarding" />
          </div>
        ) : null}

        <div className="form-group">
          <label htmlFor="fiscalCode">
            {t(kind === "organisation" ? "identity.fiscalCodeOrganisation" : "identity.fiscalCode")}
          </label>
          <input
            id="fiscalCode"
            name="fiscalCode"
            type="text"
            className="form-control text-uppercase"
            defaultValue={value("fiscalCode", saved?.fiscalCode)}
            maxLength={24}
            autoComplete="off"
            spellCheck={false}
            {...errorAttributes("fiscalCode", e.fiscalCode, [hintId("fiscalCode")])}
          />
          <FieldHelp
            field="fiscalCode"
            hint={t(kind === "organisation" ? "identity.fiscalCodeOrganisationHint" : "identity.fiscalCodeHint")}
            messageKey={e.fiscalCode}
            ns="onboarding"
          />
        </div>
      </fieldset>
      <StepActions step="identity" disabled={disabled} />
    </Form>
  );
}
