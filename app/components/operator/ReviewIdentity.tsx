import { useTranslation } from "react-i18next";
import { LabelledSection } from "~/components/LabelledSection";
import type { ProviderForReview } from "~/domain/verification/provider-review.server";
import { formatDateTime } from "./format-date-time";

type IdentityFacts = Pick<
  ProviderForReview,
  | "displayName"
  | "organisationName"
  | "fiscalCode"
  | "vatNumber"
  | "baseAddress"
  | "yearsExperience"
  | "serviceRadiusM"
  | "submittedAt"
  | "verifiedAt"
  | "members"
>;

/** Who the provider is: names, tax codes, address, experience, dates and the people who manage the profile. */
export function ReviewIdentity({ provider }: { provider: IdentityFacts }) {
  const { t, i18n } = useTranslation("operator");
  const locale = i18n.language;
  return (
    <LabelledSection headingId="identity-heading" heading={t("review.identity.heading")}>
      <dl className="vc-op-dl">
        <dt>{t("review.identity.displayName")}</dt>
        <dd>{provider.displayName}</dd>
        {provider.organisationName ? (
          <>
            <dt>{t("review.identity.organisationName")}</dt>
            <dd>{provider.organisationName}</dd>
          </>
        ) : null}
        <dt>{t("review.identity.fiscalCode")}</dt>
        <dd>{provider.fiscalCode ?? t("review.notGiven")}</dd>
        <dt>{t("review.identity.vatNumber")}</dt>
        <dd>{provider.vatNumber ?? t("review.notGiven")}</dd>
        <dt>{t("review.identity.baseAddress")}</dt>
        <dd>{provider.baseAddress ?? t("review.notGiven")}</dd>
        <dt>{t("review.identity.experience")}</dt>
        <dd>{t("review.identity.years", { count: provider.yearsExperience })}</dd>
        <dt>{t("review.identity.radius")}</dt>
        <dd>{t("review.identity.radiusKm", { km: (provider.serviceRadiusM / 1000).toLocaleString(locale) })}</dd>
        <dt>{t("review.identity.submittedAt")}</dt>
        <dd>{provider.submittedAt ? formatDateTime(provider.submittedAt, locale) : t("review.notGiven")}</dd>
        <dt>{t("review.identity.verifiedAt")}</dt>
        <dd>{provider.verifiedAt ? formatDateTime(provider.verifiedAt, locale) : t("review.notGiven")}</dd>
        <dt>{t("review.identity.members")}</dt>
        <dd>
          {provider.members.length === 0 ? (
            t("review.identity.noMembers")
          ) : (
            <ul className="mb-0 ps-3">
              {provider.members.map((m) => (
                <li key={m.email}>
                  {m.name} (<a href={`mailto:${m.email}`}>{m.email}</a>), {t(`review.memberRoles.${m.role}`)}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </LabelledSection>
  );
}
