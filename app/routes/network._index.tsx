import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/Pagination";
import { QuartiereSelect } from "~/components/QuartiereSelect";
import { SelectField } from "~/components/SelectField";
import impactStyles from "~/components/impact/impact.css";
import { OrganisationCard } from "~/components/impact/OrganisationCard";
import { listCategories } from "~/domain/catalogue/catalogue.server";
import { parseDirectoryQuery } from "~/domain/impact/network/network-schemas";
import { searchNetworkDirectory } from "~/domain/impact/network/network.server";
import { listMunicipi, listQuartieri } from "~/domain/territory/territory.server";
import { formatNumber } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";

export const handle = { i18n: ["common", "impact"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: impactStyles }];

/** The third-sector network of the neighbourhoods: public, searchable by words, category and quartiere. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = parseDirectoryQuery(new URL(request.url).searchParams);
  const [directory, categories, quartieri, municipi, t] = await Promise.all([
    searchNetworkDirectory(context.db, query),
    listCategories(context.db),
    listQuartieri(context.db),
    listMunicipi(context.db),
    i18nServer.getFixedT(request, "impact"),
  ]);
  return { directory, query, categories: categories.map((c) => c.slug), quartieri, municipi, title: t("network.directory.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, data?.title) }];

export default function NetworkDirectory() {
  const { directory, query, categories, quartieri, municipi, title } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["impact", "common"]);
  const [searchParams] = useSearchParams();
  const totalPages = Math.max(1, Math.ceil(directory.total / directory.pageSize));
  const hrefForPage = (page: number) => {
    const next = new URLSearchParams(searchParams);
    if (page <= 1) next.delete("page");
    else next.set("page", String(page));
    return `/network?${next.toString()}`;
  };

  return (
    <div className="container py-4">
      <h1 className="mb-2">{title}</h1>
      <p className="lead">{t("network.directory.lead")}</p>

      <Form method="get" action="/network" className="vc-form mb-4" role="search" aria-label={t("network.directory.search.label")}>
        <div className="row g-3 align-items-end">
          <div className="col-12 col-md-4 form-group mb-0">
            <label htmlFor="network-q">{t("network.directory.search.q")}</label>
            <input id="network-q" name="q" type="search" className="form-control" defaultValue={query.q ?? ""} maxLength={100} />
          </div>
          <div className="col-12 col-md-3">
            <SelectField
              name="category"
              label={t("network.directory.search.category")}
              defaultValue={query.category ?? ""}
              options={[{ value: "", label: t("network.directory.search.anyCategory") }, ...categories.map((slug) => ({ value: slug, label: t(`common:categories.${slug}.name`) }))]}
            />
          </div>
          <div className="col-12 col-md-3">
            <QuartiereSelect
              id="network-quartiere"
              label={t("network.directory.search.quartiere")}
              anyLabel={t("network.directory.search.anyQuartiere")}
              quartieri={quartieri}
              municipi={municipi}
              defaultValue={query.quartiere ? String(query.quartiere) : ""}
            />
          </div>
          <div className="col-12 col-md-2">
            <button type="submit" className="btn btn-primary w-100">
              {t("network.directory.search.submit")}
            </button>
          </div>
        </div>
      </Form>

      <p role="status" className="mb-3">
        {t("network.directory.count", { count: directory.total, formatted: formatNumber(directory.total, i18n.language) })}
      </p>
      {directory.organisations.length === 0 ? (
        <p>{t("network.directory.none")}</p>
      ) : (
        <ul className="list-unstyled row g-3">
          {directory.organisations.map((organisation) => (
            <li key={organisation.id} className="col-12 col-lg-6">
              <OrganisationCard organisation={organisation} locale={i18n.language} />
            </li>
          ))}
        </ul>
      )}
      <Pagination page={directory.page} totalPages={totalPages} hrefFor={hrefForPage} />
    </div>
  );
}
