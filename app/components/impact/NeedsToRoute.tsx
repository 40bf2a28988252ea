import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { ScrollRegion } from "~/components/ScrollRegion";
import { UnshownErrors } from "~/components/UnshownErrors";
import type { NeedsToRoute as NeedsToRouteData } from "~/domain/impact/network/referrals.server";
import type { ReferralFieldErrors } from "~/domain/impact/network/network-schemas";
import { formatDate, formatNumber } from "~/i18n/format";

/**
 * The area's open needs, newest first, each with a small form to route it to an organisation of
 * the network that serves its quartiere. No personal data: category, quartiere, date, persons.
 */
export function NeedsToRoute({
  data,
  action,
  locale,
  failed,
}: {
  data: NeedsToRouteData;
  /** Where the forms post (the dashboard with its current query). */
  action: string;
  locale: string;
  failed?: { needId: string; errors: ReferralFieldErrors } | null;
}) {
  const { t } = useTranslation(["impact", "common"]);
  const organisationName = new Map(data.organisations.map((o) => [o.id, o.name]));
  // A routing sent for a need the list does not show (or cannot route), or with an unknown
  // intent: its errors have no row to sit in.
  const failedRow = failed ? data.needs.find((n) => n.id === failed.needId && n.organisationIds.length > 0) : undefined;
  const unshown = failed ? (failedRow ? [failed.errors._form] : Object.values(failed.errors)) : [];
  if (data.needs.length === 0)
    return (
      <>
        <UnshownErrors ns="impact" errors={unshown} />
        <p>{t("routing.none")}</p>
      </>
    );
  return (
    <>
      <UnshownErrors ns="impact" errors={unshown} />
      <p className="vc-hint">{t("routing.shown", { shown: formatNumber(data.needs.length, locale), total: formatNumber(data.total, locale) })}</p>
      <ScrollRegion label={t("routing.caption")}>
        <table className="table vc-impact-table align-top">
          <caption className="visually-hidden">{t("routing.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("routing.columns.need")}</th>
              <th scope="col">{t("routing.columns.posted")}</th>
              <th scope="col" className="text-end">
                {t("routing.columns.persons")}
              </th>
              <th scope="col">{t("routing.columns.referrals")}</th>
              <th scope="col">{t("routing.columns.action")}</th>
            </tr>
          </thead>
          <tbody>
            {data.needs.map((need) => {
              const prefix = `refer-${need.id}`;
              const errors = failed?.needId === need.id ? failed.errors : {};
              const needLabel = t("routing.needLabel", { category: t(`common:categories.${need.category}.name`), quartiere: need.quartiere });
              return (
                <tr key={need.id}>
                  <th scope="row" className="fw-normal" id={`${prefix}-label`}>
                    {needLabel}
                  </th>
                  <td>{formatDate(need.createdAt, locale)}</td>
                  <td className="text-end">{formatNumber(need.persons, locale)}</td>
                  <td>
                    {need.referrals.length === 0 ? (
                      <span className="vc-hint">{t("routing.notReferred")}</span>
                    ) : (
                      <ul className="list-unstyled mb-0">
                        {need.referrals.map((r, i) => (
                          <li key={i}>{t("routing.referredTo", { organisation: r.organisation, date: formatDate(r.createdAt, locale) })}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {need.organisationIds.length === 0 ? (
                      <span className="vc-hint">
                        {t("routing.noOrganisations")} <Link to="/operator/network">{t("routing.addOrganisation")}</Link>
                      </span>
                    ) : (
                      <Form method="post" action={action} className="vc-impact-refer" aria-labelledby={`${prefix}-label`} preventScrollReset>
                        <CsrfInput />
                        <input type="hidden" name="intent" value="refer" />
                        <input type="hidden" name="needId" value={need.id} />
                        <div className="select-wrapper mb-2">
                          <label htmlFor={`${prefix}-organisation`} className="small">
                            {t("routing.organisation")}
                          </label>
                          <select
                            id={`${prefix}-organisation`}
                            name="organisationId"
                            defaultValue={need.organisationIds[0]}
                            aria-invalid={errors.organisationId ? true : undefined}
                            aria-describedby={errors.organisationId || errors.needId ? `${prefix}-error` : undefined}
                          >
                            {need.organisationIds.map((id) => (
                              <option key={id} value={id}>
                                {organisationName.get(id)}
                              </option>
                            ))}
                          </select>
                        </div>
                        <div className="mb-2">
                          <label htmlFor={`${prefix}-note`} className="small">
                            {t("routing.note")}
                          </label>
                          <input
                            id={`${prefix}-note`}
                            name="note"
                            type="text"
                            maxLength={1000}
                            className="form-control form-control-sm"
                            aria-invalid={errors.note ? true : undefined}
                            aria-describedby={errors.note ? `${prefix}-error` : undefined}
                          />
                        </div>
                        {errors.organisationId || errors.note || errors.needId ? (
                          <p id={`${prefix}-error`} className="vc-field-error small mb-2" role="alert">
                            {t(errors.needId ?? errors.organisationId ?? errors.note ?? "")}
                          </p>
                        ) : null}
                        <button type="submit" className="btn btn-outline-primary btn-sm">
                          {t("routing.submit")}
                          <span className="visually-hidden">: {needLabel}</span>
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
