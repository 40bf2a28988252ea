import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";

/** The error page of the payment pages: 403 (not your booking or profile), 404, or a generic error. */
export function PaymentErrorBoundary() {
  const { t } = useTranslation(["payment", "common"]);
  const home = [{ to: "/", label: t("common:errorPage.backHome") }];
  return (
    <GeneralErrorBoundary
      statusPages={{
        403: { title: t("payment:forbidden.title"), text: t("payment:forbidden.text"), links: home },
        404: { title: t("payment:notFound.title"), text: t("payment:notFound.text"), links: home },
      }}
    />
  );
}
