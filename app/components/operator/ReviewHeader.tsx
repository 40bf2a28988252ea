import { useTranslation } from "react-i18next";
import { ProviderStatusBadge } from "~/components/VerificationBadges";
import type { ProviderForReview } from "~/domain/verification/provider-review.server";

/** Who is being reviewed: kind, name, current status and home quartiere. */
export function ReviewHeader({ provider }: { provider: Pick<ProviderForReview, "kind" | "displayName" | "status" | "quartiere"> }) {
  const { t } = useTranslation(["operator", "common"]);
  return (
    <header className="mb-4">
      <p className="text-muted-strong mb-1">{t(`common:kinds.${provider.kind}`)}</p>
      <h1 className="mb-2">{provider.displayName}</h1>
      <p className="mb-1">
        {t("review.currentStatus")} <ProviderStatusBadge status={provider.status} />
      </p>
      <p className="mb-0">{provider.quartiere ? t("review.homeQuartiere", { name: provider.quartiere.name }) : t("review.noQuartiere")}</p>
    </header>
  );
}
