import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Icon } from "~/components/Icon";
import { QuartiereSelect } from "~/components/QuartiereSelect";
import { listCategories } from "~/domain/catalogue/catalogue.server";
import { listMunicipi, listQuartieri } from "~/domain/territory/territory.server";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle, rootMetaData } from "~/i18n/meta";

export const handle = { i18n: ["common", "search"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [categories, quartieri, municipi, t] = await Promise.all([
    listCategories(context.db),
    listQuartieri(context.db),
    listMunicipi(context.db),
    i18nServer.getFixedT(request, "common"),
  ]);
  return { categories, quartieri, municipi, title: t("home.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "description", content: rootMetaData(matches)?.titles.description ?? "" },
];

export default function Home() {
  const { categories, quartieri, municipi } = useLoaderData<typeof loader>();
  const { t } = useTranslation("common");

  return (
    <>
      <section className="vc-hero py-5" aria-labelledby="home-title">
        <div className="container">
          <div className="row align-items-center g-4">
            <div className="col-lg-6">
              <h1 id="home-title">{t("home.title")}</h1>
              <p className="lead">{t("home.lead")}</p>
            </div>
            <div className="col-lg-6">
              <form method="get" action="/search" role="search" className="vc-form vc-hero-form p-4" aria-labelledby="home-search-heading">
                <h2 id="home-search-heading" className="h4">
                  {t("home.searchHeading")}
                </h2>
                <div className="form-group">
                  <label htmlFor="home-q">{t("home.qLabel")}</label>
                  <input
                    id="home-q"
                    name="q"
                    type="search"
                    className="form-control"
                    placeholder={t("home.qPlaceholder")}
                    maxLength={200}
                    autoComplete="off"
                  />
                </div>
                <div className="form-group">
                  <QuartiereSelect
                    id="home-quartiere"
                    label={t("home.quartiereLabel")}
                    anyLabel={t("home.quartiereAny")}
                    quartieri={quartieri}
                    municipi={municipi}
                    describedBy="home-quartiere-hint"
                  >
                    <p id="home-quartiere-hint" className="vc-hint">
                      {t("home.quartiereHint")}
                    </p>
                  </QuartiereSelect>
                </div>
                <button type="submit" className="btn btn-primary btn-lg w-100">
                  <Icon name="it-search" className="icon-white me-2" />
                  {t("home.submit")}
                </button>
              </form>
            </div>
          </div>
        </div>
      </section>

      <section className="container py-5" aria-labelledby="catalogue-heading">
        <h2 id="catalogue-heading">{t("home.catalogueHeading")}</h2>
        <p>{t("home.catalogueLead")}</p>
        <ul className="row g-3 list-unstyled">
          {categories.map((category) => (
            <li key={category.slug} className="col-12 col-md-6 col-lg-4">
              <div className="vc-category-card p-3">
                <h3 className="h5 mb-2">
                  <Link to={`/search?category=${encodeURIComponent(category.slug)}`} className="vc-category-title">
                    {t(`categories.${category.slug}.name`, { defaultValue: category.slug })}
                  </Link>
                </h3>
                <p className="mb-2">{t(`categories.${category.slug}.description`, { defaultValue: "" })}</p>
                {category.isShared ? <span className="vc-badge vc-badge-minors">{t("home.sharedBadge")}</span> : null}
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section className="bg-light py-5" aria-labelledby="how-heading">
        <div className="container">
          <div className="row g-3 g-lg-5">
            <div className="col-lg-6">
              <h2 id="how-heading">{t("home.howHeading")}</h2>
              <ol className="vc-steps mt-4">
                {(["search", "compare", "contact"] as const).map((step) => (
                  <li key={step}>
                    <h3 className="h5 mb-1">{t(`home.howSteps.${step}.title`)}</h3>
                    <p className="mb-0">{t(`home.howSteps.${step}.text`)}</p>
                  </li>
                ))}
              </ol>
            </div>
            <div className="col-lg-6">
              <h2 id="verified-heading">{t("home.verifiedHeading")}</h2>
              <p className="mt-4">{t("home.verifiedText")}</p>
              <p className="text-muted-strong">{t("home.verifiedNote")}</p>
            </div>
          </div>
        </div>
      </section>
    </>
  );
}
