import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApprovalProblems } from "~/components/operator/ApprovalProblems";
import { DecisionForm, type DecisionRefusal } from "~/components/operator/DecisionForm";
import { ReviewDocuments } from "~/components/operator/ReviewDocuments";
import { ReviewHeader } from "~/components/operator/ReviewHeader";
import { ReviewHistory } from "~/components/operator/ReviewHistory";
import { ReviewIdentity } from "~/components/operator/ReviewIdentity";
import { ReviewProfile } from "~/components/operator/ReviewProfile";
import { ReviewSummary } from "~/components/operator/ReviewSummary";
import { OperatorErrorBoundary, operatorMeta } from "~/components/OperatorErrorBoundary";
import { parseExpiredReason } from "~/domain/verification/document-expiry.server";
import { assertCanReviewProvider } from "~/domain/verification/operator-access.server";
import { getProviderForReview } from "~/domain/verification/provider-review.server";
import { applyVerificationDecision, VerificationDecisionError } from "~/domain/verification/verification-decisions.server";
import { parseDecisionForm, type DecisionFieldErrors } from "~/domain/verification/verification-forms";
import { operatorActions } from "~/domain/verification/verification-rules";
import { i18nServer } from "~/i18n/i18next.server";
import operatorStyles from "~/styles/operator.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "operator", "provider"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: operatorStyles }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const provider = await forbiddenOnAuthorisationError(() => getProviderForReview(context.db, user, params.id ?? ""));
  if (!provider) throw new Response(null, { status: 404 });
  const t = await i18nServer.getFixedT(request, "operator");
  return {
    provider,
    // System reasons are stored as codes; show them in the page language.
    history: provider.history.map((h) => ({ ...h, expired: parseExpiredReason(h.reason) })),
    title: t("review.title", { name: provider.displayName }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => operatorMeta(matches, error, data?.title);

type ActionData = { errors: DecisionFieldErrors; refused?: DecisionRefusal };

export async function action({ params, request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const providerId = params.id ?? "";
  // Who may act is settled before the form is even read.
  const scope = await forbiddenOnAuthorisationError(() => assertCanReviewProvider(context.db, user, providerId));
  if (!scope) throw new Response(null, { status: 404 });
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);

  const parsed = parseDecisionForm(formData);
  if (parsed.errors) return data<ActionData>({ errors: parsed.errors }, { status: 400 });
  try {
    await forbiddenOnAuthorisationError(() =>
      applyVerificationDecision(context.db, user, { providerId, action: parsed.data.decision, reason: parsed.data.reason }),
    );
  } catch (error) {
    if (!(error instanceof VerificationDecisionError)) throw error;
    if (error.code === "not_found") throw new Response(null, { status: 404 });
    const errors: DecisionFieldErrors =
      error.code === "reason_required" ? { reason: "decision.errors.reasonRequired" } : error.code === "reason_too_long" ? { reason: "decision.errors.reasonTooLong" } : {};
    return data<ActionData>({ errors, refused: { code: error.code, problems: error.problems } }, { status: 409 });
  }
  return redirect(`/operator/providers/${providerId}?done=${parsed.data.decision}`, 303);
}

export default function ProviderReview() {
  const { provider, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation("operator");
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const done = operatorActions.find((a) => a === searchParams.get("done"));
  const wantsApproval = provider.allowedActions.some((a) => a === "approve" || a === "reinstate");

  return (
    <div className="container py-4">
      <p>
        <Link to="/operator/verification">{t("review.backToQueue")}</Link>
      </p>

      {done ? (
        <div className="vc-op-notice mb-4" role="status">
          <p className="mb-0 fw-semibold">{t(`review.done.${done}`, { name: provider.displayName })}</p>
        </div>
      ) : null}

      <ReviewHeader provider={provider} />
      {wantsApproval && provider.approvalProblems.length > 0 ? <ApprovalProblems problems={provider.approvalProblems} /> : null}

      <div className="row g-4">
        <div className="col-12 col-lg-8">
          <ReviewIdentity provider={provider} />
          <ReviewDocuments documents={provider.documents} required={provider.requiredDocuments} />
          <ReviewProfile provider={provider} />
          <ReviewHistory history={history} />
        </div>

        <aside className="col-12 col-lg-4" aria-label={t("review.asideLabel")}>
          <ReviewSummary provider={provider} />
          <DecisionForm
            status={provider.status}
            allowedActions={provider.allowedActions}
            errors={actionData?.errors ?? {}}
            refused={actionData?.refused}
            submitting={navigation.state === "submitting"}
          />
        </aside>
      </div>
    </div>
  );
}

export { OperatorErrorBoundary as ErrorBoundary };
