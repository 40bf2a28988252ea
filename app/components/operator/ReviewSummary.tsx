import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatList } from "~/i18n/format";
import { LabelledSection } from "~/components/LabelledSection";
import { ProviderStatusBadge } from "~/components/VerificationBadges";
import type { ProviderForReview } from "~/domain/verification/provider-review.server";

/** Beside the review: the zones served, the languages, and the organisation or its workers. */
export function ReviewSummary({ provider }: { provider: Pick<ProviderForReview, "zones" | "languages" | "organisation" | "kind" | "workers"> }) {
  const { t, i18n } = useTranslation(["operator", "common"]);
  return (
    <>
      <LabelledSection headingId="zones-heading" heading={t("review.zones.heading")} headingClassName="h5">
        {provider.zones.length === 0 ? (
          <p>{t("review.zones.none")}</p>
        ) : (
          <ul className="mb-0">
            {provider.zones.map((z) => (
              <li key={z.id}>{z.name}</li>
            ))}
          </ul>
        )}
      </LabelledSection>
      <LabelledSection headingId="languages-heading" heading={t("review.languages.heading")} headingClassName="h5">
        <p className="mb-0">
          {provider.languages.length === 0
            ? t("review.languages.none")
            : formatList(provider.languages.map((code) => t(`common:languages.${code}`, { defaultValue: code })), i18n.language)}
        </p>
      </LabelledSection>
      {provider.organisation ? (
        <LabelledSection headingId="organisation-heading" heading={t("review.organisation.heading")} headingClassName="h5">
          <p className="mb-1">
            <Link to={`/operator/providers/${provider.organisation.id}`}>{provider.organisation.name}</Link>
          </p>
          <p className="mb-0">
            {provider.organisation.status === "verified" ? t("review.organisation.accredited") : t("review.organisation.notAccredited")}{" "}
            <ProviderStatusBadge status={provider.organisation.status} />
          </p>
        </LabelledSection>
      ) : null}
      {provider.kind === "organisation" ? (
        <LabelledSection headingId="workers-heading" heading={t("review.workers.heading")} headingClassName="h5">
          <p className="vc-hint">{t("review.workers.note")}</p>
          {provider.workers.length === 0 ? (
            <p className="mb-0">{t("review.workers.none")}</p>
          ) : (
            <ul className="mb-0">
              {provider.workers.map((w) => (
                <li key={w.id} className="mb-1">
                  <Link to={`/operator/providers/${w.id}`}>{w.displayName}</Link> <ProviderStatusBadge status={w.status} />
                </li>
              ))}
            </ul>
          )}
        </LabelledSection>
      ) : null}
    </>
  );
}
