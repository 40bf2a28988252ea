import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Icon } from "~/components/Icon";
import { MissingList } from "~/components/onboarding/MissingList";
import { loadProviderHome } from "~/domain/providers/onboarding.server";
import { onboardingSteps, stepIndex } from "~/domain/providers/onboarding-schemas";
import { formatDate } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import onboardingStyles from "~/styles/onboarding.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";

export const handle = { i18n: ["common", "onboarding"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: onboardingStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return forbiddenOnAuthorisationError(async () => {
    const home = await loadProviderHome(context.db, user);
    const t = await i18nServer.getFixedT(request, "onboarding");
    return { ...home, emailVerified: user.emailVerified, title: t("dashboard.title") };
  });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "robots", content: "noindex" },
];

const statusTone = {
  draft: "",
  pending: "",
  changes_requested: "vc-status-warning",
  verified: "vc-status-success",
  rejected: "vc-status-danger",
  suspended: "vc-status-danger",
  expired: "vc-status-warning",
} as const;

/** The provider's home: where the profile stands, what the operator said, what is missing. */
export default function ProviderDashboard() {
  const { view, invitationWaitingForVerifiedEmail } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("onboarding");
  const [searchParams] = useSearchParams();
  const locale = i18n.language;

  if (!view) {
    return (
      <div className="container py-4">
        <h1>{t("dashboard.title")}</h1>
        {invitationWaitingForVerifiedEmail ? (
          <div className="alert alert-info" role="status">
            {t("dashboard.invitationNeedsVerifiedEmail")}
          </div>
        ) : null}
        <p className="lead">{t("dashboard.startLead")}</p>
        <ol className="mb-4">
          {onboardingSteps.map((step) => (
            <li key={step}>{t(`steps.${step}.title`)}</li>
          ))}
        </ol>
        <Link to="/provider/onboarding/identity" className="btn btn-primary">
          {t("dashboard.start")}
        </Link>
      </div>
    );
  }

  const p = view.provider;
  const resumeAt = p.onboardingStep;
  const decision = view.lastDecision;
  const showDecision = decision && decision.reason && ["changes_requested", "rejected", "suspended", "expired"].includes(p.status);
  const isOrganisationManager = p.kind === "organisation" && (view.role === "owner" || view.role === "manager");

  return (
    <div className="container py-4">
      <h1 className="mb-1">{t("dashboard.title")}</h1>
      <p className="lead">{p.displayName}</p>

      {searchParams.get("submitted") === "1" && p.status === "pending" ? (
        <div className="alert alert-success" role="status">
          {t("dashboard.submitted")}
        </div>
      ) : null}

      <section className={`vc-status-card ${statusTone[p.status]}`} aria-labelledby="status-heading">
        <h2 id="status-heading" className="h4">
          {t("dashboard.statusHeading")}: {t(`status.${p.status}.label`)}
        </h2>
        <p className="mb-2">{t(`status.${p.status}.text`)}</p>
        {p.status === "pending" && p.submittedAt ? <p className="vc-hint mb-2">{t("dashboard.submittedOn", { date: formatDate(p.submittedAt, locale) })}</p> : null}
        {p.status === "verified" && p.verifiedAt ? <p className="vc-hint mb-2">{t("dashboard.verifiedOn", { date: formatDate(p.verifiedAt, locale) })}</p> : null}
        {showDecision ? (
          <>
            <p className="fw-semibold mb-0 mt-3">{t("dashboard.operatorMessage", { date: formatDate(decision.at, locale) })}</p>
            <blockquote className="vc-operator-message">{decision.reason}</blockquote>
          </>
        ) : null}
        {view.organisation ? <p className="mb-0">{t("dashboard.workerOf", { organisation: view.organisation.name })}</p> : null}
      </section>

      {view.missing.length > 0 && view.canEdit ? (
        <section className="mb-4" aria-labelledby="missing-heading">
          <h2 id="missing-heading" className="h4">
            {t("dashboard.missingHeading", { count: view.missing.length })}
          </h2>
          <MissingList missing={view.missing} />
        </section>
      ) : null}

      <div className="d-flex flex-wrap gap-3">
        {view.canEdit && p.status !== "verified" ? (
          <Link to={`/provider/onboarding/${resumeAt}`} className="btn btn-primary">
            {stepIndex(resumeAt) === onboardingSteps.length - 1 ? t("dashboard.review") : t("dashboard.continue", { step: t(`steps.${resumeAt}.short`) })}
          </Link>
        ) : null}
        {p.status === "verified" ? (
          <>
            <Link to={`/providers/${p.id}`} className="btn btn-primary">
              {t("dashboard.publicProfile")}
            </Link>
            <Link to="/provider/onboarding/services" className="btn btn-outline-primary">
              {t("dashboard.editProfile")}
            </Link>
          </>
        ) : null}
        {!view.canEdit ? (
          <Link to="/provider/onboarding/review" className="btn btn-outline-primary">
            {t("dashboard.seeProfile")}
          </Link>
        ) : null}
        {isOrganisationManager ? (
          <Link to="/provider/organisation/workers" className="btn btn-outline-primary d-inline-flex align-items-center">
            <Icon name="it-user" size="sm" className="icon-primary me-1" />
            {t("dashboard.workers", { count: view.workerCount })}
          </Link>
        ) : null}
      </div>
    </div>
  );
}
