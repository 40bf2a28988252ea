import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, isRouteErrorResponse, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AvailabilityTable } from "~/components/AvailabilityTable";
import { MinorsCheckBadge, VerifiedBadge } from "~/components/Badges";
import { DataTable } from "~/components/DataTable";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { Icon } from "~/components/Icon";
import { LabelledSection } from "~/components/LabelledSection";
import { RatingSummary } from "~/components/reviews/RatingSummary";
import { ReviewCard } from "~/components/reviews/ReviewCard";
import { cleanSearchParams, searchHref } from "~/components/search-url";
import { getPublicProviderProfile } from "~/domain/providers/public-profile.server";
import { getPublicReviews } from "~/domain/reviews/public-reviews.server";
import { dir } from "~/i18n/config";
import { formatDate, formatMoney } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle, rootMetaData } from "~/i18n/meta";
import conversationStyles from "~/styles/conversations.css";

export const handle = { i18n: ["common", "provider", "review"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: conversationStyles }];

/** `?back=` carries the results query the person came from; it can only ever lead to /search. */
function backToResultsHref(url: URL): string {
  const back = url.searchParams.get("back");
  if (!back || back.length > 2000) return "/search";
  return searchHref(cleanSearchParams(new URLSearchParams(back)));
}

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const profile = await getPublicProviderProfile(context.db, params.id ?? "");
  if (!profile) throw new Response(null, { status: 404 });
  const reviews = await getPublicReviews(context.db, profile.id);

  const t = await i18nServer.getFixedT(request, ["provider", "common"]);
  const categories = profile.services.map((s) => t(`common:categories.${s.categorySlug}.name`, { defaultValue: s.categorySlug }));
  return {
    profile,
    reviews,
    title: categories.length > 0 ? t("provider:meta.title", { name: profile.displayName, categories: categories.join(", ") }) : profile.displayName,
    backHref: backToResultsHref(new URL(request.url)),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => {
  if (error) {
    const titles = rootMetaData(matches)?.titles;
    const notFound = isRouteErrorResponse(error) && error.status === 404;
    return [{ title: (notFound ? titles?.notFound : titles?.error) ?? "Vicinato" }, { name: "robots", content: "noindex" }];
  }
  return [
    { title: pageTitle(matches, data?.title) },
    { name: "description", content: rootMetaData(matches)?.titles.description ?? "" },
  ];
};

/** The introduction in the page language when written, else in Italian, else any. */
function pickBio(bio: Record<string, string>, locale: string): { text: string; lang: string } | null {
  for (const lang of [locale, "it", ...Object.keys(bio)]) {
    const text = bio[lang]?.trim();
    if (text) return { text, lang };
  }
  return null;
}

export default function ProviderProfile() {
  const { profile, reviews, backHref } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["provider", "common"]);
  const locale = i18n.language;
  const bio = pickBio(profile.bio, locale);

  return (
    <div className="container py-4">
      <p>
        <Link to={backHref} className="d-inline-flex align-items-center">
          <Icon name="it-arrow-left" size="sm" className="icon-primary me-1" />
          {t("backToResults")}
        </Link>
      </p>

      <header className="mb-4">
        <p className="text-muted-strong mb-1">{t(`kind.${profile.kind}`)}</p>
        <h1 className="mb-2">{profile.displayName}</h1>
        {profile.organisationName && profile.organisationName !== profile.displayName ? (
          <p className="mb-2">{t("organisation", { name: profile.organisationName })}</p>
        ) : null}
        <div className="vc-badges mb-2">
          <VerifiedBadge verifiedAt={profile.verifiedAt} locale={locale} />
          {profile.minorsCheck ? <MinorsCheckBadge /> : null}
        </div>
        {reviews.rating.count > 0 ? (
          <a href="#reviews-heading" className="d-inline-block mb-2">
            <RatingSummary average={reviews.rating.average} count={reviews.rating.count} locale={locale} className="mb-0" />
          </a>
        ) : null}
        <p className="mb-0">
          <Icon name="it-map-marker" size="sm" className="me-1" />
          {t("homeQuartiere", { name: profile.homeQuartiere.name })}
          {" · "}
          {profile.yearsExperience > 0 ? t("experience", { count: profile.yearsExperience }) : t("experienceNone")}
        </p>
        <p className="mt-3 mb-0">
          <Link to={`/providers/${profile.id}/request`} className="btn btn-primary">
            {t("booking:request.cta")}
          </Link>
        </p>
      </header>

      <div className="row g-4">
        <div className="col-12 col-lg-8">
          <LabelledSection headingId="about-heading" heading={t("about.heading")}>
            {bio ? (
              <>
                {bio.lang === "it" && locale !== "it" ? <p className="vc-hint">{t("about.onlyItalian")}</p> : null}
                <div lang={bio.lang} dir={dir(bio.lang)}>
                  {bio.text.split(/\n{2,}/).map((paragraph, i) => (
                    <p key={i}>{paragraph}</p>
                  ))}
                </div>
              </>
            ) : (
              <p>{t("about.missing")}</p>
            )}
          </LabelledSection>

          <LabelledSection headingId="services-heading" heading={t("services.heading")}>
            <DataTable
              caption={t("services.caption")}
              className="table"
              responsive={false}
              columns={[t("services.service"), { label: t("services.price"), className: "text-end" }]}
            >
              {profile.services.map((service) => (
                <tr key={service.categorySlug}>
                  <th scope="row" className="fw-normal">
                    <Link to={`/search?category=${encodeURIComponent(service.categorySlug)}`}>
                      {t(`common:categories.${service.categorySlug}.name`, { defaultValue: service.categorySlug })}
                    </Link>
                  </th>
                  <td className="text-end fw-semibold">
                    {t("common:price.perHour", { price: formatMoney(service.hourlyPriceCents, service.currency, locale) })}
                  </td>
                </tr>
              ))}
            </DataTable>
          </LabelledSection>

          <LabelledSection headingId="availability-heading" heading={t("availability.heading")}>
            <AvailabilityTable slots={profile.availability} />
            <p className="vc-hint">{t("availability.note")}</p>
          </LabelledSection>

          <LabelledSection headingId="reviews-heading" heading={t("review:profile.heading")}>
            <RatingSummary average={reviews.rating.average} count={reviews.rating.count} locale={locale} />
            <p className="vc-hint">{t("review:profile.intro")}</p>
            {reviews.reviews.length > 0 ? (
              <>
                {reviews.rating.count > reviews.reviews.length ? (
                  <p className="vc-hint">{t("review:profile.showingNewest", { shown: reviews.reviews.length, count: reviews.rating.count })}</p>
                ) : null}
                <ul className="vc-reviews">
                  {reviews.reviews.map((review) => (
                    <li key={review.id}>
                      <ReviewCard review={review} locale={locale} replyLabel={t("review:card.replyFrom", { name: profile.displayName })} />
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </LabelledSection>
        </div>

        <aside className="col-12 col-lg-4" aria-label={profile.displayName}>
          <div className="vc-profile-aside">
            <LabelledSection headingId="languages-heading" heading={t("languages.heading")} headingClassName="h5">
              {profile.languages.length > 0 ? (
                <ul className="mb-0">
                  {profile.languages.map((code) => (
                    <li key={code}>{t(`common:languages.${code}`, { defaultValue: code })}</li>
                  ))}
                </ul>
              ) : (
                <p className="mb-0">{t("languages.none")}</p>
              )}
            </LabelledSection>

            <LabelledSection headingId="zones-heading" heading={t("zones.heading")} headingClassName="h5">
              {profile.zones.length > 0 ? (
                <>
                  <p className="mb-1">{t("zones.intro")}</p>
                  <ul className="mb-0">
                    {profile.zones.map((zone) => (
                      <li key={zone.id}>{zone.name}</li>
                    ))}
                  </ul>
                </>
              ) : (
                <p className="mb-0">{t("zones.none")}</p>
              )}
            </LabelledSection>

            <LabelledSection headingId="checks-heading" heading={t("checks.heading")} headingClassName="h5" className={null}>
              <ul className="mb-0">
                {profile.verifiedAt ? <li>{t("checks.verified", { date: formatDate(profile.verifiedAt, locale) })}</li> : null}
                <li>{profile.minorsCheck ? t("checks.minorsCheck") : t("checks.noMinorsCheck")}</li>
              </ul>
            </LabelledSection>
          </div>
        </aside>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation(["provider", "common"]);
  return (
    <GeneralErrorBoundary
      statusPages={{
        404: {
          title: t("notFound.title"),
          text: t("notFound.text"),
          links: [
            { to: "/search", label: t("notFound.searchAgain") },
            { to: "/", label: t("common:errorPage.backHome") },
          ],
        },
      }}
    />
  );
}
