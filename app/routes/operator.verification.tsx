import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/DataTable";
import { OperatorErrorBoundary, operatorMeta } from "~/components/OperatorErrorBoundary";
import { Pagination } from "~/components/Pagination";
import { SelectField } from "~/components/SelectField";
import { ExpiryBadge, ProviderStatusBadge } from "~/components/VerificationBadges";
import { parseQueueParams } from "~/domain/verification/verification-forms";
import { listVerificationQueue } from "~/domain/verification/verification-queue.server";
import { EXPIRING_SOON_DAYS, queueStatusFilters } from "~/domain/verification/verification-rules";
import { formatDate } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import operatorStyles from "~/styles/operator.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";

export const handle = { i18n: ["common", "operator"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: operatorStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const params = parseQueueParams(new URL(request.url).searchParams);
  const queue = await forbiddenOnAuthorisationError(() => listVerificationQueue(context.db, user, params));
  const t = await i18nServer.getFixedT(request, "operator");
  return { queue, title: t("queue.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => operatorMeta(matches, error, data?.title);

export default function VerificationQueue() {
  const { queue, title } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["operator", "common"]);
  const locale = i18n.language;
  const [searchParams] = useSearchParams();
  const { filters } = queue;
  const totalPages = Math.max(1, Math.ceil(queue.total / queue.pageSize));
  const hrefForPage = (page: number) => {
    const next = new URLSearchParams(searchParams);
    if (page <= 1) next.delete("page");
    else next.set("page", String(page));
    return `/operator/verification?${next.toString()}`;
  };

  return (
    <div className="container py-4">
      <p>
        <Link to="/operator">{t("queue.backToOverview")}</Link>
      </p>
      <h1 className="mb-3">{title}</h1>

      <Form method="get" action="/operator/verification" className="vc-form mb-4" aria-label={t("queue.filters.label")}>
        <div className="row g-3 align-items-end">
          <div className="col-12 col-md-4">
            <SelectField
              name="quartiere"
              label={t("queue.filters.quartiere")}
              defaultValue={String(filters.quartiereId ?? "")}
              options={[{ value: "", label: t("queue.filters.allQuartieri") }, ...queue.quartieri.map((q) => ({ value: String(q.id), label: q.name }))]}
            />
          </div>
          <div className="col-12 col-md-3">
            <SelectField
              name="status"
              label={t("queue.filters.status")}
              defaultValue={filters.status}
              options={queueStatusFilters.map((status) => ({
                value: status,
                label: status === "all" ? t("queue.filters.allStatuses") : t(`statuses.${status}`),
              }))}
            />
          </div>
          <div className="col-12 col-md-3">
            <div className="form-check mb-2">
              <input
                id="expiring"
                type="checkbox"
                name="expiring"
                value={String(EXPIRING_SOON_DAYS)}
                defaultChecked={filters.expiringWithinDays !== null}
              />
              <label htmlFor="expiring" className="vc-check-label">
                {t("queue.filters.expiring", { count: EXPIRING_SOON_DAYS })}
              </label>
            </div>
          </div>
          <div className="col-12 col-md-2">
            <button type="submit" className="btn btn-primary w-100">
              {t("queue.filters.apply")}
            </button>
          </div>
        </div>
      </Form>

      <p role="status" className="mb-3">
        {t("queue.count", { count: queue.total })}
      </p>

      {queue.items.length === 0 ? (
        <div className="vc-empty">
          <p className="mb-0">{t("queue.empty")}</p>
        </div>
      ) : (
        <DataTable
          caption={t("queue.caption")}
          columns={[
            t("queue.columns.provider"),
            t("queue.columns.kind"),
            t("queue.columns.quartiere"),
            t("queue.columns.status"),
            t("queue.columns.submittedAt"),
            t("queue.columns.documents"),
          ]}
        >
          {queue.items.map((item) => (
            <tr key={item.id}>
              <th scope="row" className="fw-normal">
                <Link to={`/operator/providers/${item.id}`}>{item.displayName}</Link>
                {item.organisation ? (
                  <div className="vc-hint">{t("queue.workerOf", { organisation: item.organisation.name })}</div>
                ) : null}
              </th>
              <td>{t(`common:kinds.${item.kind}`)}</td>
              <td>{item.quartiere?.name ?? "—"}</td>
              <td>
                <ProviderStatusBadge status={item.status} />
              </td>
              <td>{item.submittedAt ? formatDate(item.submittedAt, locale) : "—"}</td>
              <td>
                {item.nextExpiry ? (
                  <>
                    <span className="d-block">
                      {t("queue.nextExpiry", {
                        document: t(`documentTypes.${item.nextExpiry.docType}`),
                        date: formatDate(item.nextExpiry.expiresOn, locale),
                      })}
                    </span>
                    {item.nextExpiry.state === "expiring" || item.nextExpiry.state === "expired" ? (
                      <ExpiryBadge state={item.nextExpiry.state} daysLeft={item.nextExpiry.daysLeft} />
                    ) : null}
                  </>
                ) : (
                  t("queue.noExpiry")
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination page={queue.page} totalPages={totalPages} hrefFor={hrefForPage} />
    </div>
  );
}

export { OperatorErrorBoundary as ErrorBoundary };
