import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { HubCard } from "~/components/hubs/HubCard";
import { HubErrorBoundary } from "~/components/hubs/HubErrorBoundaries";
import hubStyles from "~/components/hubs/hubs.css";
import { QuartiereSelect } from "~/components/QuartiereSelect";
import { SelectField } from "~/components/SelectField";
import { parseHubFilters } from "~/domain/territory/hubs/hub-schemas";
import { listHubs } from "~/domain/territory/hubs/hubs.server";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import { getCurrentUser } from "~/utils/auth.server";

export const handle = { i18n: ["common", "hub"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: hubStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request, context);
  const filters = parseHubFilters(new URL(request.url).searchParams);
  const list = await listHubs(context.db, filters, { now: new Date(), user });
  const t = await i18nServer.getFixedT(request, "hub");
  return { list, title: t("meta.listTitle"), description: t("meta.listDescription") };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "description", content: data?.description ?? "" },
];

export default function HubsList() {
  const { list } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["hub", "common"]);
  const { hubs, filters, quartieri, municipi } = list;
  const filtered = filters.municipioId !== undefined || filters.quartiereId !== undefined;
  const chosenQuartiere = quartieri.find((q) => q.id === filters.quartiereId);
  const municipioOfQuartiere = municipi.find((m) => m.id === chosenQuartiere?.municipioIds[0]);

  return (
    <div className="container py-4">
      <h1 className="mb-2">{t("list.title")}</h1>
      <p className="lead">{t("list.lead")}</p>

      <Form method="get" action="/hubs" className="vc-form vc-filters mb-4" aria-label={t("list.filtersLabel")}>
        <div className="row g-3 align-items-end">
          <div className="col-12 col-md-4">
            <SelectField
              name="municipio"
              label={t("list.municipio")}
              defaultValue={String(filters.municipioId ?? "")}
              options={[{ value: "", label: t("list.anyMunicipio") }, ...municipi.map((m) => ({ value: String(m.id), label: m.name }))]}
            />
          </div>
          <div className="col-12 col-md-5">
            <QuartiereSelect
              id="quartiere"
              label={t("list.quartiere")}
              anyLabel={t("list.anyQuartiere")}
              quartieri={quartieri}
              municipi={municipi}
              defaultValue={String(filters.quartiereId ?? "")}
            />
          </div>
          <div className="col-12 col-md-3">
            <button type="submit" className="btn btn-primary w-100">
              {t("list.apply")}
            </button>
          </div>
        </div>
      </Form>

      <p role="status" className="mb-3">
        {t("list.count", { count: hubs.length })}
        {filtered ? (
          <>
            {" "}
            <Link to="/hubs">{t("list.showAll")}</Link>
          </>
        ) : null}
      </p>

      {hubs.length === 0 ? (
        <div className="vc-empty callout">
          <p>{chosenQuartiere ? t("list.emptyQuartiere", { quartiere: chosenQuartiere.name }) : t("list.empty")}</p>
          <ul className="mb-0">
            {municipioOfQuartiere && filters.municipioId !== municipioOfQuartiere.id ? (
              <li>
                <Link to={`/hubs?municipio=${municipioOfQuartiere.id}`}>{t("list.showMunicipio", { municipio: municipioOfQuartiere.name })}</Link>
              </li>
            ) : null}
            <li>
              <Link to="/hubs">{t("list.showAll")}</Link>
            </li>
          </ul>
        </div>
      ) : (
        <ul className="row g-4 list-unstyled">
          {hubs.map((hub) => (
            <li key={hub.id} className="col-12 col-lg-6">
              <HubCard hub={hub} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export { HubErrorBoundary as ErrorBoundary };
