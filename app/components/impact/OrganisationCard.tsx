import { useTranslation } from "react-i18next";
import type { NetworkOrganisation } from "~/domain/impact/network/network.server";
import { formatList } from "~/i18n/format";

/** One entry of the network directory, as the public sees it. */
export function OrganisationCard({ organisation, locale, headingLevel = 2 }: { organisation: NetworkOrganisation; locale: string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation(["impact", "common"]);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = `org-${organisation.id}`;
  return (
    <article className="vc-network-card h-100" aria-labelledby={headingId}>
      <Heading id={headingId} className="mb-1">
        {organisation.name}
      </Heading>
      <p className="mb-2">
        <span className="vc-network-kind">{t(`network.kinds.${organisation.kind}`)}</span>
      </p>
      {organisation.description ? <p>{organisation.description}</p> : null}
      <dl className="mb-0">
        {organisation.categories.length > 0 || organisation.offers ? (
          <>
            <dt>{t("network.directory.offers")}</dt>
            <dd>
              {organisation.categories.length > 0 ? formatList(organisation.categories.map((c) => t(`common:categories.${c}.name`)), locale) : null}
              {organisation.offers ? <span className="d-block">{organisation.offers}</span> : null}
            </dd>
          </>
        ) : null}
        <dt>{t("network.directory.serves")}</dt>
        <dd>{formatList(organisation.quartieri.map((q) => q.name), locale)}</dd>
        {organisation.contact ? (
          <>
            <dt>{t("network.directory.contact")}</dt>
            <dd className="mb-0 vc-network-contact">{organisation.contact}</dd>
          </>
        ) : null}
      </dl>
    </article>
  );
}
