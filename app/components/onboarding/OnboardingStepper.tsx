import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Icon } from "~/components/Icon";
import { onboardingSteps, stepIndex, type OnboardingStep } from "~/domain/providers/onboarding-schemas";

/**
 * Bootstrap Italia "steppers" header: every step is a link (steps can be done in any order),
 * the current one has aria-current="step", completed ones a check mark.
 */
export function OnboardingStepper({
  current,
  completed,
  reachable,
}: {
  current: OnboardingStep;
  completed: readonly OnboardingStep[];
  /** Before the draft exists only the first step can be opened. */
  reachable: boolean;
}) {
  const { t } = useTranslation("onboarding");
  const index = stepIndex(current) + 1;
  return (
    <nav className="steppers vc-stepper mb-4" aria-label={t("stepper.label")}>
      <p className="vc-step-progress mb-2">{t("stepper.progress", { current: index, total: onboardingSteps.length })}</p>
      <div className="steppers-header">
        <ul>
          {onboardingSteps.map((step, i) => {
            const active = step === current;
            const done = completed.includes(step);
            const classes = [active ? "active" : "", done ? "confirmed" : ""].filter(Boolean).join(" ");
            const content = (
              <>
                <span className="steppers-number" aria-hidden="true">
                  {done && !active ? <Icon name="it-check" size="sm" className="icon-primary" /> : i + 1}
                </span>
                <span className="vc-step-label">{t(`steps.${step}.short`)}</span>
                {done ? <span className="visually-hidden"> ({t("stepper.done")})</span> : null}
              </>
            );
            return (
              <li key={step} className={classes || undefined}>
                {reachable || step === "identity" ? (
                  <Link to={`/provider/onboarding/${step}`} aria-current={active ? "step" : undefined}>
                    {content}
                  </Link>
                ) : (
                  <span aria-current={active ? "step" : undefined}>{content}</span>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </nav>
  );
}
