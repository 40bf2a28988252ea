import { isRouteErrorResponse } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { resources } from "~/i18n/resources";
import { pageTitle, rootMetaData } from "~/i18n/meta";
import { GeneralErrorBoundary } from "./GeneralErrorBoundary";

/** The operator pages' error page: 403 (not your quartiere, not an operator), 404, or a generic error. */
export function OperatorErrorBoundary() {
  const { t } = useTranslation(["operator", "common"]);
  return (
    <GeneralErrorBoundary
      statusPages={{
        403: {
          title: t("operator:forbidden.title"),
          text: t("operator:forbidden.text"),
          links: [
            { to: "/operator", label: t("operator:forbidden.backToOperator") },
            { to: "/", label: t("common:errorPage.backHome") },
          ],
        },
        404: {
          title: t("operator:notFound.title"),
          text: t("operator:notFound.text"),
          links: [{ to: "/operator/verification", label: t("operator:notFound.backToQueue") }],
        },
      }}
    />
  );
}

type MatchLike = { id: string; data?: unknown };

/** Meta tags of an operator page: its title (or the error's, translated) and never indexed. */
export function operatorMeta(matches: readonly MatchLike[], error: unknown, title: string | undefined) {
  if (error) {
    const locale = (rootMetaData(matches)?.locale ?? "it") as keyof typeof resources;
    const texts = (resources[locale] ?? resources.it).operator as unknown as Record<string, { title: string }>;
    const status = isRouteErrorResponse(error) ? error.status : 500;
    const fullTitle =
      status === 403
        ? pageTitle(matches, texts.forbidden?.title)
        : status === 404
          ? pageTitle(matches, texts.notFound?.title)
          : (rootMetaData(matches)?.titles.error ?? pageTitle(matches, undefined));
    return [{ title: fullTitle }, { name: "robots", content: "noindex" }];
  }
  return [{ title: pageTitle(matches, title) }, { name: "robots", content: "noindex" }];
}
