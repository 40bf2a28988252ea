import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { FieldError, errorAttributes } from "~/components/FieldError";
import { Icon } from "~/components/Icon";
import { UnshownErrors } from "~/components/UnshownErrors";
import type { DocumentSummary, OnboardingView } from "~/domain/providers/onboarding.server";
import {
  documentTypesWithExpiry,
  fileRules,
  todayInMilan,
  uploadableDocumentTypes,
  type FieldErrors,
  type UploadableDocumentType,
} from "~/domain/providers/onboarding-schemas";
import { requiredDocumentTypes } from "~/domain/verification/verification-rules";
import { formatDate, formatNumber } from "~/i18n/format";
import { FormErrorSummary } from "./FormErrorSummary";
import { StepActions } from "./StepActions";

type Values = { docType?: string; expiresOn?: string };

function formatSize(bytes: number, locale: string): string {
  return bytes >= 1024 * 1024
    ? `${formatNumber(bytes / 1024 / 1024, locale, { maximumFractionDigits: 1 })} MB`
    : `${formatNumber(Math.max(1, Math.round(bytes / 1024)), locale)} KB`;
}

/**
 * Step 7: one card per document type, each with its own upload form (type and size are checked
 * by the server on the file's bytes; an expiry date where the document has one).
 */
export function StepDocuments({
  view,
  errors,
  values,
  uploaded,
  disabled,
}: {
  view: OnboardingView;
  errors?: FieldErrors;
  values?: Values;
  uploaded?: string | null;
  disabled: boolean;
}) {
  const { t, i18n } = useTranslation("onboarding");
  const locale = i18n.language;
  const today = todayInMilan();
  const required = new Set(requiredDocumentTypes({ kind: view.provider.kind, categorySlugs: view.services.map((s) => s.slug) }));
  const formErrors = errors?._form ? { _form: errors._form } : undefined;
  // Field errors of an upload for a type with no card here (a hand-made request) have no field to sit next to.
  const cardShown = (uploadableDocumentTypes as readonly string[]).includes(values?.docType ?? "");
  const unshown = cardShown ? [] : Object.entries(errors ?? {}).filter(([field]) => field !== "_form").map(([, key]) => key);

  const documentLine = (doc: DocumentSummary) => (
    <>
      <a href={`/documents/${doc.id}`} className="fw-semibold">
        {doc.originalName}
      </a>{" "}
      <span className="vc-hint">
        ({formatSize(doc.sizeBytes, locale)}, {t("documents.uploadedOn", { date: formatDate(doc.uploadedAt, locale) })})
      </span>
      {doc.expiresOn ? (
        <span className={`d-block ${doc.expiresOn < today ? "text-danger fw-semibold" : ""}`}>
          {doc.expiresOn < today
            ? t("documents.expiredOn", { date: formatDate(`${doc.expiresOn}T12:00:00Z`, locale) })
            : t("documents.expiresOn", { date: formatDate(`${doc.expiresOn}T12:00:00Z`, locale) })}
        </span>
      ) : null}
    </>
  );

  return (
    <div className="vc-step-form">
      <FormErrorSummary errors={formErrors} />
      <UnshownErrors ns="onboarding" errors={unshown} />
      {uploaded && (uploadableDocumentTypes as readonly string[]).includes(uploaded) ? (
        <p className="alert alert-success" role="status">
          {t("documents.uploaded", { type: t(`documents.types.${uploaded}.title`) })}
        </p>
      ) : null}
      <p className="vc-hint">{t("documents.intro", { mb: fileRules.document.maxBytes / 1024 / 1024 })}</p>

      {uploadableDocumentTypes.map((type: UploadableDocumentType) => {
        const current = view.documents.filter((d) => d.docType === type);
        const mine = values?.docType === type ? errors : undefined;
        const e = mine ?? {};
        const needsExpiry = documentTypesWithExpiry.has(type);
        const prefix = `doc-${type}`;
        return (
          <section key={type} className="vc-doc-card" aria-labelledby={`${prefix}-title`}>
            <h3 id={`${prefix}-title`}>
              {t(`documents.types.${type}.title`)}{" "}
              <span className={`badge ${required.has(type) ? "bg-primary" : "bg-secondary"} align-middle`}>
                {required.has(type) ? t("documents.required") : t("documents.optional")}
              </span>
            </h3>
            <p className="vc-hint">{t(`documents.types.${type}.description`)}</p>

            {current.length > 0 ? (
              <ul className="vc-doc-list">
                {current.map((doc) => (
                  <li key={doc.id}>
                    {documentLine(doc)}
                    {type === "qualification" && !disabled ? (
                      <Form method="post" className="d-inline">
                        <CsrfInput />
                        <input type="hidden" name="documentId" value={doc.id} />
                        <button type="submit" name="intent" value="withdraw" className="btn btn-link btn-sm p-0 ms-2">
                          {t("documents.withdraw")}
                          <span className="visually-hidden"> {doc.originalName}</span>
                        </button>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t("documents.none")}</p>
            )}

            {!disabled ? (
              <Form method="post" encType="multipart/form-data" noValidate className="vc-form mt-3">
                <CsrfInput />
                <input type="hidden" name="docType" value={type} />
                <div className="row g-3 align-items-start">
                  <div className="col-12 col-md-6">
                    <label htmlFor={`${prefix}-file`} className="d-block">
                      {current.length > 0 && type !== "qualification" ? t("documents.replaceFile") : t("documents.chooseFile")}
                    </label>
                    <input
                      id={`${prefix}-file`}
                      name="file"
                      type="file"
                      accept={fileRules.document.types.join(",")}
                      className="form-control"
                      {...errorAttributes(`${prefix}-file-msg`, e.file)}
                    />
                    <FieldError field={`${prefix}-file-msg`} messageKey={e.file} ns="onboarding" />
                  </div>
                  {needsExpiry ? (
                    <div className="col-12 col-md-4">
                      <label htmlFor={`${prefix}-expires`} className="d-block">
                        {t("documents.expiresLabel")}
                      </label>
                      <input
                        id={`${prefix}-expires`}
                        name="expiresOn"
                        type="date"
                        min={today}
                        className="form-control"
                        defaultValue={mine ? (values?.expiresOn ?? "") : ""}
                        {...errorAttributes(`${prefix}-expires-msg`, e.expiresOn)}
                      />
                      <FieldError field={`${prefix}-expires-msg`} messageKey={e.expiresOn} ns="onboarding" />
                    </div>
                  ) : null}
                  <div className="col-12 col-md-2 d-flex align-items-end">
                    <button type="submit" name="intent" value="upload" className="btn btn-outline-primary mt-md-4">
                      <Icon name="it-upload" size="sm" className="icon-primary me-1" />
                      {t("documents.upload")}
                      <span className="visually-hidden"> {t(`documents.types.${type}.title`)}</span>
                    </button>
                  </div>
                </div>
              </Form>
            ) : null}
          </section>
        );
      })}

      <Form method="post">
        <CsrfInput />
        <StepActions step="documents" disabled={disabled} />
      </Form>
    </div>
  );
}
