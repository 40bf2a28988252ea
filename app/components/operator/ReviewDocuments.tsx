import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/DataTable";
import { LabelledSection } from "~/components/LabelledSection";
import { ExpiryBadge } from "~/components/VerificationBadges";
import type { DocumentType } from "../../../db/schema";
import type { ReviewDocument } from "~/domain/verification/provider-review.server";
import { formatDate, formatList } from "~/i18n/format";

/** The documents the provider must hold, and every one uploaded (current and replaced) with its expiry. */
export function ReviewDocuments({ documents, required }: { documents: ReviewDocument[]; required: DocumentType[] }) {
  const { t, i18n } = useTranslation("operator");
  const locale = i18n.language;
  return (
    <LabelledSection headingId="documents-heading" heading={t("review.documents.heading")}>
      <p>
        {t("review.documents.required", {
          list: formatList(required.map((d) => t(`documentTypes.${d}`)), i18n.language),
        })}
      </p>
      {documents.length === 0 ? (
        <p>{t("review.documents.none")}</p>
      ) : (
        <DataTable
          caption={t("review.documents.caption")}
          columns={[t("review.documents.type"), t("review.documents.file"), t("review.documents.expiresOn"), t("review.documents.uploadedAt")]}
        >
          {documents.map((doc) => (
            <tr key={doc.id}>
              <th scope="row" className="fw-normal">
                {t(`documentTypes.${doc.docType}`)}
                {doc.required ? <span className="d-block vc-hint">{t("review.documents.requiredMark")}</span> : null}
                {doc.replacedAt ? <span className="d-block vc-hint">{t("review.documents.replaced")}</span> : null}
              </th>
              <td>
                <a href={`/documents/${doc.id}`} target="_blank" rel="noopener">
                  {doc.originalName}
                  <span className="visually-hidden"> {t("review.documents.opensNewWindow")}</span>
                </a>
                <span className="d-block vc-hint">
                  {t("review.documents.size", { kb: Math.max(1, Math.round(doc.sizeBytes / 1024)).toLocaleString(locale) })}
                </span>
              </td>
              <td>
                {doc.expiresOn ? <span className="d-block">{formatDate(doc.expiresOn, locale)}</span> : null}
                <ExpiryBadge state={doc.state} daysLeft={doc.daysLeft} />
              </td>
              <td>{formatDate(doc.uploadedAt, locale)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </LabelledSection>
  );
}
