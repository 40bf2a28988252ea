import { useTranslation } from "react-i18next";
import { formatDate } from "~/i18n/format";
import { Icon } from "./Icon";

/** "Verified by the Comune", optionally with the date. */
export function VerifiedBadge({ verifiedAt, locale }: { verifiedAt?: string | null; locale?: string }) {
  const { t } = useTranslation("common");
  const text = verifiedAt && locale ? t("badges.verifiedOn", { date: formatDate(verifiedAt, locale) }) : t("badges.verified");
  return (
    <span className="vc-badge vc-badge-verified">
      <Icon name="it-check-circle" size="xs" />
      {text}
    </span>
  );
}

export function MinorsCheckBadge() {
  const { t } = useTranslation("common");
  return (
    <span className="vc-badge vc-badge-minors">
      <Icon name="it-check" size="xs" />
      {t("badges.minorsCheck")}
    </span>
  );
}
