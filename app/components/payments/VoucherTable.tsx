import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/DataTable";
import { formatDate, formatList, formatMoney } from "~/i18n/format";

export interface VoucherRow {
  id: string;
  programme: string;
  budgetCents: number;
  balanceCents: number;
  categorySlugs: string[];
  expiresOn: string;
  state: "active" | "expired" | "revoked" | "used";
}

/** A family's vouchers with their balance (the pay page and /account/vouchers). */
export function VoucherTable({ vouchers, caption }: { vouchers: VoucherRow[]; caption?: string }) {
  const { t, i18n } = useTranslation(["payment", "common"]);
  const locale = i18n.language;
  if (vouchers.length === 0) return <p>{t("payment:vouchers.none")}</p>;
  return (
    <DataTable
      caption={caption ?? t("payment:vouchers.caption")}
      className="table"
      columns={[
        t("payment:vouchers.columns.programme"),
        { label: t("payment:vouchers.columns.balance"), className: "text-end" },
        t("payment:vouchers.columns.expires"),
        t("payment:vouchers.columns.categories"),
        t("payment:vouchers.columns.state"),
      ]}
    >
      {vouchers.map((v) => (
        <tr key={v.id}>
          <th scope="row">{v.programme}</th>
          <td className="text-end">
            {formatMoney(v.balanceCents, "EUR", locale)}
            <span className="d-block small text-muted-strong">/ {formatMoney(v.budgetCents, "EUR", locale)}</span>
          </td>
          <td>{formatDate(v.expiresOn, locale)}</td>
          <td>
            {v.categorySlugs.length === 0
              ? t("payment:vouchers.anyCategory")
              : formatList(
                  v.categorySlugs.map((slug) => t(`common:categories.${slug}.name`)),
                  locale,
                )}
          </td>
          <td>{t(`payment:vouchers.states.${v.state}`)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
