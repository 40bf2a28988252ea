import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";

/** The sharing pages' errors: 403 for anyone who may not see the need or group, 404 for one that is not there. */
export function SharingErrorBoundary() {
  const { t } = useTranslation(["sharing", "common"]);
  const links = [
    { to: "/needs", label: t("sharing:forbidden.mine") },
    { to: "/", label: t("common:errorPage.backHome") },
  ];
  return (
    <GeneralErrorBoundary
      statusPages={{
        403: { title: t("sharing:forbidden.title"), text: t("sharing:forbidden.text"), links },
        404: { title: t("sharing:notFound.title"), text: t("sharing:notFound.text"), links },
      }}
    />
  );
}
