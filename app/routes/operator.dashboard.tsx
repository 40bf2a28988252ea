import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LabelledSection } from "~/components/LabelledSection";
import { OperatorErrorBoundary, operatorMeta } from "~/components/OperatorErrorBoundary";
import { DataTable } from "~/components/DataTable";
import { BarChart } from "~/components/impact/BarChart";
import { ChoroplethMap } from "~/components/impact/ChoroplethMap";
import { DashboardFilters, MeasureSwitch } from "~/components/impact/DashboardFilters";
import { IndicatorList } from "~/components/impact/IndicatorList";
import { NeedsToRoute } from "~/components/impact/NeedsToRoute";
import impactStyles from "~/components/impact/impact.css";
import { dashboardSearch, parseDashboardQuery } from "~/domain/impact/dashboard-query";
import { getDashboard } from "~/domain/impact/dashboard.server";
import { UnknownAreaError } from "~/domain/impact/dashboard-scope.server";
import { distinctMeasures } from "~/domain/impact/indicator-keys";
import { parseReferralForm, type ReferralFieldErrors } from "~/domain/impact/network/network-schemas";
import { assertCanReferNeeds, referNeed } from "~/domain/impact/network/referrals.server";
import { formatNumber } from "~/i18n/format";
import { formatDateTime } from "~/components/operator/format-date-time";
import { i18nServer } from "~/i18n/i18next.server";
import operatorStyles from "~/styles/operator.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "operator", "impact"] };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: operatorStyles },
  { rel: "stylesheet", href: impactStyles },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { query, errors } = parseDashboardQuery(new URL(request.url).searchParams);
  const dashboard = await forbiddenOnAuthorisationError(() => getDashboard(context.db, user, query, { withNeedsToRoute: true })).catch((error: unknown) => {
    if (error instanceof UnknownAreaError) throw new Response(null, { status: 404 });
    throw error;
  });
  const t = await i18nServer.getFixedT(request, "impact");
  return { dashboard, errors, title: t("dashboard.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => operatorMeta(matches, error, data?.title);

type ActionData = { needId: string; errors: ReferralFieldErrors };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  // Only operators and admins route needs: settled before the form is read.
  await forbiddenOnAuthorisationError(async () => assertCanReferNeeds(user));
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const parsed = parseReferralForm(formData);
  const needId = String(formData.get("needId") ?? "");
  if (formData.get("intent") !== "refer") return data<ActionData>({ needId, errors: { _form: "network.errors.invalid" } }, { status: 400 });
  if (parsed.errors) return data<ActionData>({ needId, errors: parsed.errors }, { status: 400 });
  const result = await forbiddenOnAuthorisationError(() => referNeed(context.db, user, parsed.data));
  if (result === null) throw new Response(null, { status: 404 });
  if (!result.ok) return data<ActionData>({ needId, errors: result.errors }, { status: 409 });
  const url = new URL(request.url);
  url.searchParams.set("referred", "1");
  return redirect(`${url.pathname}?${url.searchParams.toString()}#routing-heading`, 303);
}

const chartColours = { primary: "#0066cc", secondary: "#b35900", tertiary: "#00805a" };

export default function Dashboard() {
  const { dashboard: d, errors } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t, i18n } = useTranslation(["impact", "common", "operator"]);
  const locale = i18n.language;
  const [searchParams] = useSearchParams();
  const n = (value: number) => formatNumber(value, locale);
  const search = dashboardSearch(d.query);
  const category = (slug: string | null) => (slug === null ? t("charts.anyCategory") : t(`common:categories.${slug}.name`));
  const areaName = d.area.name ?? (d.area.isCity ? t("dashboard.filters.allCity") : t("dashboard.filters.allMine"));
  const measureLabel = t(`measures.${d.query.measure}`);

  return (
    <div className="container py-4 vc-impact">
      <p>
        <Link to="/operator">{t("dashboard.backToOperator")}</Link>
      </p>
      <h1 className="mb-2">{t("dashboard.title")}</h1>
      <p className="lead">{d.isAdmin ? t("dashboard.leadAdmin") : t("dashboard.lead")}</p>

      <DashboardFilters query={d.query} areaOptions={d.areaOptions} isAdmin={d.isAdmin} errors={errors} />

      <div className="d-flex flex-wrap align-items-center gap-3 mb-4">
        <p className="mb-0 fw-semibold" role="status" data-testid="dashboard-scope">
          {t("dashboard.showing", { area: areaName, from: d.query.from, to: d.query.to })}
        </p>
        <a className="btn btn-outline-primary btn-sm" href={`/operator/dashboard.csv?${search}`} download>
          {t("dashboard.downloads.csv")}
        </a>
        <a className="btn btn-outline-primary btn-sm" href={`/operator/dashboard.pdf?${search}`}>
          {t("dashboard.downloads.pdf")}
        </a>
        <Link to="/operator/network" className="btn btn-link btn-sm">
          {t("dashboard.networkLink")}
        </Link>
      </div>

      <LabelledSection headingId="indicators-heading" heading={t("indicators.heading")} className="mb-5">
        <p>{t("indicators.lead")}</p>
        <IndicatorList indicators={d.indicators} currency={d.currency} locale={locale} />
      </LabelledSection>

      <LabelledSection headingId="map-heading" heading={t("map.heading", { measure: measureLabel })} className="mb-5">
        <MeasureSwitch query={d.query} errors={errors} />
        {d.map ? (
          <ChoroplethMap
            map={d.map}
            measureLabel={measureLabel}
            rows={d.quartieri.map((q) => ({ id: q.id, name: q.name, value: q.values[d.query.measure] }))}
            total={d.measureTotals[d.query.measure]}
            totalIsDistinct={distinctMeasures.has(d.query.measure)}
            unlocated={d.unlocated && !distinctMeasures.has(d.query.measure) ? d.unlocated[d.query.measure] : null}
            locale={locale}
          />
        ) : null}
      </LabelledSection>

      <LabelledSection headingId="demand-heading" heading={t("demand.heading")} className="mb-5">
        <p>{t("demand.lead")}</p>
        <BarChart
          title={t("demand.openNeedsTitle", { total: n(d.measureTotals.openNeeds) })}
          summary={t("charts.summary")}
          rowHeader={t("charts.category")}
          locale={locale}
          series={[{ key: "count", label: t("measures.openNeeds"), colour: chartColours.primary }]}
          rows={d.openNeedsByCategory.map((c) => ({ label: category(c.category), values: { count: c.count } }))}
        />
        <BarChart
          title={t("demand.unmetTitle", { total: n(d.measureTotals.unmetSearches) })}
          summary={t("charts.summary")}
          rowHeader={t("charts.category")}
          locale={locale}
          series={[{ key: "count", label: t("measures.unmetSearches"), colour: chartColours.secondary }]}
          rows={d.unmetSearchesByCategory.map((c) => ({ label: category(c.category), values: { count: c.count } }))}
        />
      </LabelledSection>

      <LabelledSection headingId="coverage-heading" heading={t("coverage.heading")} className="mb-5">
        <p>{t("coverage.lead")}</p>
        {d.coverageGaps.length === 0 ? (
          <p>{t("coverage.none")}</p>
        ) : (
          <DataTable
            caption={t("coverage.caption")}
            className="table vc-impact-table"
            columns={[
              t("coverage.columns.quartiere"),
              t("coverage.columns.category"),
              { label: t("measures.openNeeds"), className: "text-end" },
              { label: t("measures.unmetSearches"), className: "text-end" },
            ]}
          >
            {d.coverageGaps.map((gap) => (
              <tr key={`${gap.quartiereId}-${gap.category}`}>
                <th scope="row" className="fw-normal">
                  {gap.quartiere}
                </th>
                <td>{category(gap.category)}</td>
                <td className="text-end">{n(gap.openNeeds)}</td>
                <td className="text-end">{n(gap.unmetSearches)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </LabelledSection>

      <LabelledSection headingId="providers-heading" heading={t("providers.heading")} className="mb-5">
        <p>{t("providers.lead")}</p>
        <DataTable
          caption={t("providers.caption")}
          className="table vc-impact-table"
          columns={[t("charts.category"), ...d.providerStatuses.map((s) => ({ label: t(`operator:statuses.${s}`), className: "text-end" }))]}
        >
          {d.providersByCategory.map((row) => (
            <tr key={row.category}>
              <th scope="row" className="fw-normal">
                {category(row.category)}
              </th>
              {d.providerStatuses.map((s) => (
                <td key={s} className="text-end">
                  {n(row.counts[s])}
                </td>
              ))}
            </tr>
          ))}
        </DataTable>
      </LabelledSection>

      <LabelledSection headingId="groups-heading" heading={t("groups.heading")} className="mb-5">
        <p>{t("groups.summary", { forming: n(d.groups.forming), active: n(d.groups.active) })}</p>
        <BarChart
          title={t("groups.chartTitle")}
          summary={t("charts.summary")}
          rowHeader={t("charts.category")}
          locale={locale}
          series={[
            { key: "forming", label: t("groups.forming"), colour: chartColours.secondary },
            { key: "active", label: t("groups.active"), colour: chartColours.tertiary },
          ]}
          rows={d.groups.byCategory.map((c) => ({ label: category(c.category), values: { forming: c.forming, active: c.active } }))}
        />
      </LabelledSection>

      <LabelledSection headingId="bookings-heading" heading={t("bookings.heading")} className="mb-5">
        <p>{t("bookings.summary", { total: n(d.bookings.total), cancelled: n(d.bookings.cancelled) })}</p>
        {d.bookingsAsOf ? <p className="vc-hint small">{t("bookings.asOf", { date: formatDateTime(d.bookingsAsOf, locale) })}</p> : null}
        <p data-testid="response-time">
          <strong>{t("responseTime.heading")}:</strong>{" "}
          {d.responseTime.averageMinutes === null
            ? t("responseTime.none")
            : `${t("responseTime.value", { minutes: formatNumber(d.responseTime.averageMinutes, locale, { maximumFractionDigits: 1 }) })} (${t("responseTime.answered", { count: d.responseTime.answered })})`}
          <span className="d-block vc-hint small">{t("responseTime.definition")}</span>
        </p>
        <BarChart
          title={t("bookings.chartTitle")}
          summary={t("charts.summary")}
          rowHeader={t("charts.category")}
          locale={locale}
          series={[
            { key: "bookings", label: t("measures.bookings"), colour: chartColours.primary },
            { key: "cancelled", label: t("bookings.cancelled"), colour: chartColours.secondary },
          ]}
          rows={d.bookings.byCategory.map((c) => ({ label: category(c.category), values: { bookings: c.bookings, cancelled: c.cancelled } }))}
        />
      </LabelledSection>

      {d.needsToRoute ? (
        <LabelledSection headingId="routing-heading" heading={t("routing.heading")} className="mb-5">
          <p>{t("routing.lead")}</p>
          {searchParams.get("referred") === "1" ? (
            <div className="vc-op-notice mb-3" role="status">
              <p className="mb-0 fw-semibold">{t("routing.done")}</p>
            </div>
          ) : null}
          <NeedsToRoute
            data={d.needsToRoute}
            action={`/operator/dashboard?${search}`}
            locale={locale}
            failed={actionData ? { needId: actionData.needId, errors: actionData.errors } : null}
          />
        </LabelledSection>
      ) : null}
    </div>
  );
}

export { OperatorErrorBoundary as ErrorBoundary };
