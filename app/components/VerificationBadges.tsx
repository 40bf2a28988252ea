import { useTranslation } from "react-i18next";
import type { ProviderStatus } from "../../db/schema";

/** A provider's verification status as a labelled badge (colour is never the only cue). */
export function ProviderStatusBadge({ status }: { status: ProviderStatus }) {
  const { t } = useTranslation("operator");
  return <span className={`vc-status vc-status-${status}`}>{t(`statuses.${status}`)}</span>;
}

/** A document's expiry state: valid, expiring soon (with days left), expired, or no expiry. */
export function ExpiryBadge({
  state,
  daysLeft,
}: {
  state: "no_expiry" | "valid" | "expiring" | "expired";
  daysLeft: number | null;
}) {
  const { t } = useTranslation("operator");
  const text =
    state === "expiring" && daysLeft !== null
      ? daysLeft === 0
        ? t("expiry.expiringToday")
        : t("expiry.expiringIn", { count: daysLeft })
      : t(`expiry.${state}`);
  return <span className={`vc-status vc-expiry-${state}`}>{text}</span>;
}
