import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/DataTable";
import { LabelledSection } from "~/components/LabelledSection";
import { OperatorErrorBoundary, operatorMeta } from "~/components/OperatorErrorBoundary";
import { ExpiryBadge, ProviderStatusBadge } from "~/components/VerificationBadges";
import { getOperatorOverview } from "~/domain/verification/verification-queue.server";
import { formatDate } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import operatorStyles from "~/styles/operator.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";

export const handle = { i18n: ["common", "operator"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: operatorStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const overview = await forbiddenOnAuthorisationError(() => getOperatorOverview(context.db, user));
  const t = await i18nServer.getFixedT(request, "operator");
  return { overview, title: t("overview.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => operatorMeta(matches, error, data?.title);

const countedStatuses = ["pending", "changes_requested", "verified", "suspended", "expired", "rejected"] as const;

export default function OperatorHome() {
  const { overview, title } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["operator", "common"]);
  const locale = i18n.language;

  return (
    <div className="container py-4">
      <h1 className="mb-2">{title}</h1>
      <p className="lead">{overview.isAdmin ? t("overview.leadAdmin") : t("overview.lead")}</p>
      <p>
        <Link to="/operator/verification" className="btn btn-primary">
          {t("overview.openQueue")}
        </Link>{" "}
        <Link to="/operator/dashboard" className="btn btn-outline-primary">
          {t("impact:links.dashboard")}
        </Link>{" "}
        <Link to="/operator/network" className="btn btn-outline-primary">
          {t("impact:links.network")}
        </Link>
      </p>

      <LabelledSection
        headingId="quartieri-heading"
        heading={overview.isAdmin ? t("overview.quartieriAdmin") : t("overview.quartieri")}
        className="mb-5"
      >
        {overview.quartieri.length === 0 ? (
          <p>{t("overview.noQuartieri")}</p>
        ) : (
          <DataTable
            caption={t("overview.countsCaption")}
            className="table vc-op-table vc-op-counts"
            columns={[t("queue.columns.quartiere"), ...countedStatuses.map((status) => ({ label: t(`statuses.${status}`), className: "text-end" }))]}
          >
            {overview.quartieri.map((q) => (
              <tr key={q.id}>
                <th scope="row">
                  <Link to={`/operator/verification?quartiere=${q.id}&status=all`}>{q.name}</Link>
                </th>
                {countedStatuses.map((status) => (
                  <td key={status} className="text-end">
                    {q.counts[status] > 0 ? (
                      <Link
                        to={`/operator/verification?quartiere=${q.id}&status=${status}`}
                        aria-label={t("overview.countLink", { count: q.counts[status], status: t(`statuses.${status}`), quartiere: q.name })}
                      >
                        {q.counts[status]}
                      </Link>
                    ) : (
                      <span>0</span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </DataTable>
        )}
      </LabelledSection>

      <LabelledSection headingId="expiring-heading" heading={t("overview.expiringHeading")} className={null}>
        <p>{t("overview.expiringLead")}</p>
        {overview.expiringDocuments.length === 0 ? (
          <p>{t("overview.expiringNone")}</p>
        ) : (
          <>
            <DataTable
              caption={t("overview.expiringCaption")}
              columns={[
                t("queue.columns.provider"),
                t("queue.columns.quartiere"),
                t("queue.columns.status"),
                t("review.documents.type"),
                t("review.documents.expiresOn"),
              ]}
            >
              {overview.expiringDocuments.map((doc) => (
                <tr key={`${doc.providerId}-${doc.docType}-${doc.expiresOn}`}>
                  <th scope="row" className="fw-normal">
                    <Link to={`/operator/providers/${doc.providerId}`}>{doc.providerName}</Link>
                  </th>
                  <td>{doc.quartiere?.name ?? "—"}</td>
                  <td>
                    <ProviderStatusBadge status={doc.providerStatus} />
                  </td>
                  <td>{t(`documentTypes.${doc.docType}`)}</td>
                  <td>
                    {formatDate(doc.expiresOn, locale)} <ExpiryBadge state={doc.state} daysLeft={doc.daysLeft} />
                  </td>
                </tr>
              ))}
            </DataTable>
            <p>
              <Link to="/operator/verification?status=all&expiring=30">{t("overview.expiringAll")}</Link>
            </p>
          </>
        )}
      </LabelledSection>
    </div>
  );
}

export { OperatorErrorBoundary as ErrorBoundary };
