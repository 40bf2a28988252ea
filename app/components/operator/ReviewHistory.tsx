import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/DataTable";
import { LabelledSection } from "~/components/LabelledSection";
import type { DocumentType } from "../../../db/schema";
import type { ReviewTransition } from "~/domain/verification/provider-review.server";
import { formatDate } from "~/i18n/format";
import { formatDateTime } from "./format-date-time";

/** A status change, with the document whose expiry caused it when the system made it. */
export type HistoryEntry = ReviewTransition & { expired: { docType: DocumentType; expiresOn: string } | null };

/** Who is named as having acted: the person, else their role ("system", "operator", "admin"…). */
function actorKey(actor: string): string {
  if (actor.startsWith("system:")) return "system";
  return actor === "operator" || actor === "admin" ? actor : "other";
}

/** Every status change, newest first: when, from what to what, who, and why. */
export function ReviewHistory({ history }: { history: HistoryEntry[] }) {
  const { t, i18n } = useTranslation("operator");
  const locale = i18n.language;
  return (
    <LabelledSection headingId="history-heading" heading={t("review.history.heading")}>
      {history.length === 0 ? (
        <p>{t("review.history.none")}</p>
      ) : (
        <DataTable
          caption={t("review.history.caption")}
          columns={[t("review.history.when"), t("review.history.change"), t("review.history.who"), t("review.history.why")]}
        >
          {history.map((h) => (
            <tr key={h.id}>
              <td>{formatDateTime(h.at, locale)}</td>
              <td>{t("review.history.fromTo", { from: t(`statuses.${h.from}`), to: t(`statuses.${h.to}`) })}</td>
              <td>{h.actorName ?? t(`review.history.actors.${actorKey(h.actor)}`, { actor: h.actor })}</td>
              <td className="vc-op-reason">
                {h.expired
                  ? t("review.history.documentExpired", {
                      document: t(`documentTypes.${h.expired.docType}`),
                      date: formatDate(h.expired.expiresOn, locale),
                    })
                  : (h.reason ?? "—")}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </LabelledSection>
  );
}
