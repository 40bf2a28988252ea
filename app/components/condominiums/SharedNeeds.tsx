import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { DataTable } from "~/components/DataTable";
import { LabelledSection } from "~/components/LabelledSection";
import type { CondominiumGroup, SharedNeed } from "~/domain/sharing/condominiums/condominiums.server";
import { formatList } from "~/i18n/format";
import { windowParts } from "./format";

/** The viewer's own consent: a checkbox and a save button (no JavaScript needed). */
export function NeedsConsent({ sharesNeeds }: { sharesNeeds: boolean }) {
  const { t } = useTranslation("condominium");
  return (
    <LabelledSection headingId="consent-heading" heading={t("consent.heading")} className="mb-4">
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="intent" value="consent" />
        <p id="consent-text">{t("consent.text")}</p>
        <div className="form-check mb-2">
          <input id="sharesNeeds" name="sharesNeeds" type="checkbox" value="yes" defaultChecked={sharesNeeds} aria-describedby="consent-text consent-state" />
          <label htmlFor="sharesNeeds">{t("consent.label")}</label>
        </div>
        <p id="consent-state" className="vc-hint">
          {sharesNeeds ? t("consent.currentlyOn") : t("consent.currentlyOff")}
        </p>
        <button type="submit" className="btn btn-outline-primary btn-sm">
          {t("consent.save")}
        </button>
      </Form>
    </LabelledSection>
  );
}

/** Open needs of the members who consented: service, weekly times, details, who. */
export function SharedNeedsList({ needs }: { needs: SharedNeed[] }) {
  const { t, i18n } = useTranslation(["condominium", "common"]);
  return (
    <LabelledSection headingId="needs-heading" heading={t("needs.heading")} className="mb-4">
      <p className="vc-hint">{t("needs.intro")}</p>
      {needs.length === 0 ? (
        <p>{t("needs.none")}</p>
      ) : (
        <DataTable caption={t("needs.caption")} columns={[t("needs.service"), t("needs.when"), t("needs.details"), t("needs.who")]} className="table">
          {needs.map((need) => (
            <tr key={need.id}>
              <th scope="row">
                {t(`common:categories.${need.categorySlug}.name`, { defaultValue: need.categorySlug })}
                <span className="d-block fw-normal vc-hint">{t("needs.persons", { count: need.persons })}</span>
              </th>
              <td>
                {formatList(
                  windowParts(need.windows).map((w) => t("needs.window", { day: t(`common:weekdays.${w.day}`), from: w.from, to: w.to })),
                  i18n.language,
                )}
              </td>
              <td className="vc-pre-line" dir={need.details ? "auto" : undefined}>
                {need.details || t("needs.noDetails")}
              </td>
              <td>
                {need.authorName ?? t("members.unnamed")}
                {need.unitLabel ? <span className="d-block vc-hint">{need.unitLabel}</span> : null}
                {need.isMine ? <span className="d-block vc-hint">{t("needs.mine")}</span> : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </LabelledSection>
  );
}

/** Setting up shared services: post a need for this building, and the groups already formed here. */
export function SharedServices({ condominiumId, groups }: { condominiumId: string; groups: CondominiumGroup[] }) {
  const { t } = useTranslation(["condominium", "common"]);
  return (
    <LabelledSection headingId="services-heading" heading={t("services.heading")} className="mb-4">
      <p>{t("services.intro")}</p>
      <p>
        <Link to={`/needs/new?condominium=${encodeURIComponent(condominiumId)}`} className="btn btn-primary btn-sm">
          {t("services.postNeed")}
        </Link>
      </p>
      <h3 className="h5">{t("services.groupsHeading")}</h3>
      {groups.length === 0 ? (
        <p>{t("services.noGroups")}</p>
      ) : (
        <ul>
          {groups.map((g) => (
            <li key={g.id}>
              <Link to={`/groups/${g.id}`}>
                {t("services.group", {
                  category: t(`common:categories.${g.categorySlug}.name`, { defaultValue: g.categorySlug }),
                  status: t(`services.status.${g.status}`, { defaultValue: g.status }),
                })}
              </Link>{" "}
              <span className="vc-hint">({t("services.groupMembers", { count: g.memberCount })})</span>
            </li>
          ))}
        </ul>
      )}
    </LabelledSection>
  );
}
