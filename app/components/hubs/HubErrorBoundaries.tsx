import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";

/** The public hub pages' error page: a missing hub or event has its own words and a way back. */
export function HubErrorBoundary() {
  const { t } = useTranslation(["hub", "common"]);
  return (
    <GeneralErrorBoundary
      statusPages={{
        404: {
          title: t("hub:notFound.title"),
          text: t("hub:notFound.text"),
          links: [
            { to: "/hubs", label: t("hub:notFound.backToList") },
            { to: "/", label: t("common:errorPage.backHome") },
          ],
        },
      }}
    />
  );
}

/** The operator hub pages': not your hub (403), no such hub or event (404), or a generic error. */
export function HubOperatorErrorBoundary() {
  const { t } = useTranslation(["operator", "hub", "common"]);
  return (
    <GeneralErrorBoundary
      statusPages={{
        403: {
          title: t("operator:forbidden.title"),
          text: t("hub:operator.forbidden"),
          links: [
            { to: "/operator/hubs", label: t("hub:operator.list.backToList") },
            { to: "/", label: t("common:errorPage.backHome") },
          ],
        },
        404: {
          title: t("hub:notFound.title"),
          text: t("hub:notFound.text"),
          links: [{ to: "/operator/hubs", label: t("hub:operator.list.backToList") }],
        },
      }}
    />
  );
}
