import { Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Icon } from "~/components/Icon";
import { onboardingSteps, stepIndex, type OnboardingStep } from "~/domain/providers/onboarding-schemas";

/** "Back" to the previous step and "Save and continue", at the foot of every step's form. */
export function StepActions({ step, disabled, label }: { step: OnboardingStep; disabled?: boolean; label?: string }) {
  const { t } = useTranslation("onboarding");
  const navigation = useNavigation();
  const saving = navigation.state === "submitting";
  const previous = stepIndex(step) > 0 ? onboardingSteps[stepIndex(step) - 1] : null;
  return (
    <div className="vc-step-actions">
      {previous ? (
        <Link to={`/provider/onboarding/${previous}`} className="d-inline-flex align-items-center">
          <Icon name="it-arrow-left" size="sm" className="icon-primary me-1" />
          {t("form.back")}
        </Link>
      ) : (
        <span />
      )}
      <button type="submit" name="intent" value="save" className="btn btn-primary" disabled={disabled} aria-disabled={saving || undefined}>
        {label ?? t("form.saveAndContinue")}
      </button>
    </div>
  );
}
