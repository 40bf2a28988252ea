import { useTranslation } from "react-i18next";
import { privatePageMeta } from "~/i18n/meta";
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
  return privatePageMeta("operator", matches, error, title);
}
