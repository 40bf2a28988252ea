import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/DataTable";
import type { AreaSummary as AreaSummaryData } from "~/domain/territory/hubs/hub-admin.server";
import { formatNumber } from "~/i18n/format";

/** The area around a hub: open needs and proposed/formed shared groups in the quartieri it covers. */
export function AreaSummary({ area }: { area: AreaSummaryData }) {
  const { t, i18n } = useTranslation("hub");
  const n = (value: number) => formatNumber(value, i18n.language);
  return (
    <>
      <dl className="vc-hub-area">
        <div>
          <dt>{t("operator.area.openNeeds")}</dt>
          <dd>{n(area.totals.openNeeds)}</dd>
        </div>
        <div>
          <dt>{t("operator.area.proposedGroups")}</dt>
          <dd>{n(area.totals.proposedGroups)}</dd>
        </div>
        <div>
          <dt>{t("operator.area.formedGroups")}</dt>
          <dd>{n(area.totals.formedGroups)}</dd>
        </div>
      </dl>
      <DataTable
        caption={t("operator.area.caption")}
        columns={[
          t("operator.area.quartiere"),
          { label: t("operator.area.openNeeds"), className: "text-end" },
          { label: t("operator.area.proposedGroups"), className: "text-end" },
          { label: t("operator.area.formedGroups"), className: "text-end" },
        ]}
      >
        {area.rows.map((row) => (
          <tr key={row.quartiereId}>
            <th scope="row" className="fw-normal">
              {row.name}
            </th>
            <td className="text-end">{n(row.openNeeds)}</td>
            <td className="text-end">{n(row.proposedGroups)}</td>
            <td className="text-end">{n(row.formedGroups)}</td>
          </tr>
        ))}
      </DataTable>
      <p>
        <Link to="/operator/needs">{t("operator.area.link")}</Link>
      </p>
    </>
  );
}
