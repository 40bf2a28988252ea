import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/components/bookings/format-time";
import { DataTable } from "~/components/DataTable";
import { OperatorErrorBoundary, operatorMeta } from "~/components/OperatorErrorBoundary";
import { Pagination } from "~/components/Pagination";
import { listReportedThreads } from "~/domain/messaging/reported-threads.server";
import { i18nServer } from "~/i18n/i18next.server";
import conversationStyles from "~/styles/conversations.css";
import operatorStyles from "~/styles/operator.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";

export const handle = { i18n: ["common", "operator", "booking", "message"] };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: operatorStyles },
  { rel: "stylesheet", href: conversationStyles },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const page = Number(new URL(request.url).searchParams.get("page"));
  const list = await forbiddenOnAuthorisationError(() =>
    listReportedThreads(context.db, user, { page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1 }),
  );
  const t = await i18nServer.getFixedT(request, "message");
  return { list, title: t("operator.list.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => operatorMeta(matches, error, data?.title);

export default function ReportedThreadsPage() {
  const { list, title } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["message", "booking", "operator"]);
  const locale = i18n.language;
  return (
    <div className="container py-4">
      <p>
        <Link to="/operator">{t("message:operator.backToOperator")}</Link>
      </p>
      <h1 className="mb-2">{title}</h1>
      <p className="lead">{list.isAdmin ? t("message:operator.list.leadAdmin") : t("message:operator.list.lead")}</p>
      {list.items.length === 0 ? (
        <p>{t("message:operator.list.empty")}</p>
      ) : (
        <DataTable
          caption={t("message:operator.list.caption", { count: list.total })}
          columns={[
            t("message:operator.list.columns.provider"),
            t("message:operator.list.columns.quartiere"),
            t("message:operator.list.columns.reportedAt"),
            t("message:operator.list.columns.reportedBy"),
            t("message:operator.list.columns.reason"),
            { label: t("message:operator.list.columns.messages"), className: "text-end" },
          ]}
        >
          {list.items.map((item) => (
            <tr key={item.threadId}>
              <th scope="row">
                <Link to={`/operator/reports/${item.threadId}`} aria-label={t("message:operator.list.openLabel", { name: item.providerName })}>
                  {item.providerName}
                </Link>
              </th>
              <td>{item.quartiere?.name ?? "—"}</td>
              <td>{formatDateTime(item.reportedAt, locale)}</td>
              <td>{item.reportedBy ? t(`message:operator.sides.${item.reportedBy}`) : "—"}</td>
              <td>
                <span className="vc-prewrap" dir="auto">
                  {item.reason.length > 160 ? `${item.reason.slice(0, 160)}…` : item.reason}
                </span>
              </td>
              <td className="text-end">{item.messageCount}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination page={list.page} totalPages={Math.ceil(list.total / list.pageSize)} hrefFor={(p) => `/operator/reports?page=${p}`} />
    </div>
  );
}

export { OperatorErrorBoundary as ErrorBoundary };
