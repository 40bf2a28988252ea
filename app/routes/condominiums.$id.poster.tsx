import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CondominiumErrorBoundary } from "~/components/condominiums/CondominiumErrorBoundary";
import { InvitePoster, type PosterTexts } from "~/components/condominiums/InvitePoster";
import posterStyles from "~/components/condominiums/poster.css";
import { useHydrated } from "~/components/onboarding/useHydrated";
import { getCondominiumPoster } from "~/domain/sharing/condominiums/poster.server";
import { isCondominiumId } from "~/domain/sharing/condominiums/schemas";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { getEnv } from "~/utils/env.server";

export const handle = { i18n: ["common", "condominium"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: posterStyles }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  if (!isCondominiumId(params.id)) throw new Response(null, { status: 404 });
  const id = params.id;
  // The QR code must open this site from a phone: the public address, else the one this page was asked for.
  const siteUrl = getEnv().PUBLIC_URL ?? new URL(request.url).origin;
  const poster = await forbiddenOnAuthorisationError(() => getCondominiumPoster(context.db, user, id, { siteUrl }));
  const locale = await i18nServer.getLocale(request);
  // Italian first, for everyone in the building; then the language of whoever prints it.
  const languages = locale === "it" ? ["it"] : ["it", locale];
  const texts: PosterTexts[] = await Promise.all(
    languages.map(async (lang) => {
      const t = await i18nServer.getFixedT(lang, "condominium");
      return {
        lang,
        title: t("poster.title"),
        what: t("poster.what"),
        steps: [t("poster.stepScan"), t("poster.stepAccount"), t("poster.stepCode")],
        codeLabel: t("poster.codeLabel"),
      };
    }),
  );
  const t = await i18nServer.getFixedT(request, "condominium");
  return {
    id,
    poster,
    texts,
    title: t("meta.poster", { name: poster.name }),
    qrLabel: t("poster.qrLabel", { name: poster.name }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "robots", content: "noindex" },
];

export default function CondominiumPosterRoute() {
  const { id, poster, texts, qrLabel } = useLoaderData<typeof loader>();
  const { t } = useTranslation("condominium");
  const hydrated = useHydrated();
  return (
    <div className="container py-4">
      <div className="vc-poster-controls mb-4">
        <p>
          <Link to={`/condominiums/${id}`}>{t("poster.back")}</Link>
        </p>
        {hydrated ? (
          <button type="button" className="btn btn-primary me-3" onClick={() => window.print()}>
            {t("poster.print")}
          </button>
        ) : null}
        <span className="vc-hint">{t("poster.printHint")}</span>
      </div>
      <InvitePoster
        name={poster.name}
        address={poster.address}
        inviteCode={poster.inviteCode}
        joinPage={poster.joinPage}
        qrSvg={poster.qrSvg}
        qrLabel={qrLabel}
        texts={texts}
      />
    </div>
  );
}

export { CondominiumErrorBoundary as ErrorBoundary };
