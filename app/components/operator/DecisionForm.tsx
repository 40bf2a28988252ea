import { Form } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProviderStatus } from "../../../db/schema";
import { CsrfInput } from "~/components/CsrfInput";
import { errorAttributes, FieldError, FieldHelp, hintId } from "~/components/FieldError";
import { LabelledSection } from "~/components/LabelledSection";
import { UnshownErrors } from "~/components/UnshownErrors";
import type { ApprovalProblem } from "~/domain/verification/provider-review.server";
import { MAX_REASON_LENGTH, reasonRequiredFor, type DecisionFieldErrors } from "~/domain/verification/verification-forms";
import type { OperatorAction } from "~/domain/verification/verification-rules";
import { ProblemList } from "./ApprovalProblems";

/** Why the decision was not taken (the state machine or the approval checks said no). */
export type DecisionRefusal = { code: string; problems: ApprovalProblem[] };

/**
 * The operator's decision: one of the actions the status allows, a reason (required for some),
 * and a confirmation. Errors come back from the action as message keys of "operator".
 */
export function DecisionForm({
  status,
  allowedActions,
  errors,
  refused,
  submitting,
}: {
  status: ProviderStatus;
  allowedActions: OperatorAction[];
  errors: DecisionFieldErrors;
  refused?: DecisionRefusal;
  submitting: boolean;
}) {
  const { t } = useTranslation("operator");
  const [decision, setDecision] = useState<OperatorAction | "">("");
  const needsReason = decision !== "" && reasonRequiredFor(decision);
  const hasErrors = Object.keys(errors).length > 0 || Boolean(refused);

  return (
    <LabelledSection headingId="decision-heading" heading={t("decision.heading")} headingClassName="h4" className="vc-op-decision vc-form">
      {allowedActions.length === 0 ? (
        <>
          {/* A decision sent after the profile moved on (or a hand-made one): say why it was not taken. */}
          <UnshownErrors ns="operator" errors={[...Object.values(errors), refused?.code === "transition_not_allowed" || refused?.code === "unknown_action" ? `decision.errors.${refused.code}` : refused ? "decision.errors.summary" : undefined]} />
          <p className="mb-0">{t("decision.noneAllowed", { status: t(`statuses.${status}`) })}</p>
        </>
      ) : (
        <Form method="post" noValidate aria-describedby={hasErrors ? "decision-summary" : undefined}>
          <CsrfInput />
          {hasErrors ? (
            <div id="decision-summary" className="vc-error-summary mb-3" role="alert">
              <p className="mb-0">{refused?.code === "approval_refused" ? t("decision.refused") : t("decision.errors.summary")}</p>
              {refused && refused.problems.length > 0 ? (
                <ProblemList problems={refused.problems} className="mb-0 mt-1" />
              ) : refused && refused.code !== "approval_refused" && !errors.reason ? (
                <p className="mb-0">{t(`decision.errors.${refused.code}`, { defaultValue: t("decision.errors.summary") })}</p>
              ) : null}
            </div>
          ) : null}
          <fieldset className="vc-fieldset" {...errorAttributes("decision", errors.decision)}>
            <legend className="vc-legend">{t("decision.choose")}</legend>
            <FieldError field="decision" messageKey={errors.decision} ns="operator" />
            {allowedActions.map((action) => (
              <div key={action} className="form-check my-1">
                <input
                  id={`decision-${action}`}
                  type="radio"
                  name="decision"
                  value={action}
                  checked={decision === action}
                  onChange={() => setDecision(action)}
                />
                <label htmlFor={`decision-${action}`} className="vc-check-label">
                  {t(`decision.actions.${action}`)}
                </label>
              </div>
            ))}
          </fieldset>
          <div className="form-group">
            <label htmlFor="reason" className="vc-legend d-block">
              {needsReason ? t("decision.reasonRequiredLabel") : t("decision.reasonLabel")}
            </label>
            <textarea
              id="reason"
              name="reason"
              maxLength={MAX_REASON_LENGTH}
              required={needsReason}
              {...errorAttributes("reason", errors.reason, [hintId("reason")])}
            />
            <FieldHelp field="reason" hint={t("decision.reasonHint")} messageKey={errors.reason} ns="operator" />
          </div>
          <div className="form-check my-2">
            <input id="confirm" type="checkbox" name="confirm" value="yes" {...errorAttributes("confirm", errors.confirm)} />
            <label htmlFor="confirm" className="vc-check-label">
              {t("decision.confirm")}
            </label>
            <FieldError field="confirm" messageKey={errors.confirm} ns="operator" />
          </div>
          <button type="submit" className="btn btn-primary w-100 mt-2" disabled={submitting}>
            {t("decision.submit")}
          </button>
        </Form>
      )}
    </LabelledSection>
  );
}
