import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";

/** The condominium pages' errors: 403 for anyone who is not a member, 404 for an address that cannot be one. */
export function CondominiumErrorBoundary() {
  const { t } = useTranslation(["condominium", "common"]);
  const links = [
    { to: "/condominiums", label: t("forbidden.mine") },
    { to: "/", label: t("common:errorPage.backHome") },
  ];
  return (
    <GeneralErrorBoundary
      statusPages={{
        403: { title: t("forbidden.title"), text: t("forbidden.text"), links },
        404: { title: t("notFound.title"), text: t("notFound.text"), links },
      }}
    />
  );
}
