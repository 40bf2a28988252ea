import { useTranslation } from "react-i18next";
import { formatList } from "~/i18n/format";
import { LabelledSection } from "~/components/LabelledSection";
import type { ApprovalProblem } from "~/domain/verification/provider-review.server";

/** One reason approval would be refused, in the page language. */
export function ProblemText({ problem }: { problem: ApprovalProblem }) {
  const { t, i18n } = useTranslation("operator");
  if (problem.kind === "document") {
    return <>{t(`problems.document_${problem.problem}`, { document: t(`documentTypes.${problem.docType}`) })}</>;
  }
  if (problem.kind === "organisation_not_accredited") return <>{t("problems.organisation_not_accredited")}</>;
  return <>{t("problems.profile_incomplete", { fields: formatList(problem.fields.map((f) => t(`problems.fields.${f}`)), i18n.language) })}</>;
}

export function ProblemList({ problems, className }: { problems: ApprovalProblem[]; className: string }) {
  return (
    <ul className={className}>
      {problems.map((problem, i) => (
        <li key={i}>
          <ProblemText problem={problem} />
        </li>
      ))}
    </ul>
  );
}

/** Shown above the review when the operator could approve or reinstate, but approval would be refused. */
export function ApprovalProblems({ problems }: { problems: ApprovalProblem[] }) {
  const { t } = useTranslation("operator");
  return (
    <LabelledSection headingId="problems-heading" heading={t("review.problemsHeading")} headingClassName="h5" className="vc-op-problems mb-4">
      <ProblemList problems={problems} className="mb-0" />
    </LabelledSection>
  );
}
