import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import type { QuartiereOption } from "~/components/QuartiereSelect";
import type { OnboardingView } from "~/domain/providers/onboarding.server";
import { isoWeekdays, minutesToTime, type FieldErrors, type OnboardingStep } from "~/domain/providers/onboarding-schemas";
import { formatDate, formatKm, formatMoney, formatList } from "~/i18n/format";
import { FormErrorSummary } from "./FormErrorSummary";
import { MissingList } from "./MissingList";

/** Step 8: everything on one page, what is missing (with links), and the button to send it. */
export function StepReview({ view, quartieri, errors }: { view: OnboardingView; quartieri: QuartiereOption[]; errors?: FieldErrors }) {
  const { t, i18n } = useTranslation(["onboarding", "common"]);
  const locale = i18n.language;
  const p = view.provider;
  const nameOf = (id: number | null) => quartieri.find((q) => q.id === id)?.name ?? "";
  const none = <span className="vc-hint">{t("review.notGiven")}</span>;

  const section = (step: OnboardingStep, children: React.ReactNode) => (
    <section className="vc-review-section" aria-labelledby={`review-${step}`}>
      <div className="d-flex justify-content-between align-items-baseline gap-3">
        <h2 id={`review-${step}`} className="h5 mb-2">
          {t(`steps.${step}.title`)}
        </h2>
        {view.canEdit ? (
          <Link to={`/provider/onboarding/${step}`}>
            {t("review.edit")}
            <span className="visually-hidden"> {t(`steps.${step}.title`)}</span>
          </Link>
        ) : null}
      </div>
      {children}
    </section>
  );

  return (
    <div className="vc-step-form">
      <FormErrorSummary errors={errors} />

      {view.missing.length > 0 ? (
        <div className="alert alert-warning" role="status">
          <p className="fw-semibold mb-2">{t("review.missingHeading", { count: view.missing.length })}</p>
          <MissingList missing={view.missing} />
        </div>
      ) : view.canSubmit ? (
        <div className="alert alert-success" role="status">
          {t("review.complete")}
        </div>
      ) : null}

      {section(
        "identity",
        <dl>
          <dt>{t("review.kind")}</dt>
          <dd>{t(`identity.kinds.${p.kind}`)}</dd>
          {view.organisation ? (
            <>
              <dt>{t("review.organisation")}</dt>
              <dd>{view.organisation.name}</dd>
            </>
          ) : null}
          {p.kind === "organisation" ? (
            <>
              <dt>{t("review.organisationName")}</dt>
              <dd>{p.organisationName || none}</dd>
              <dt>{t("review.vatNumber")}</dt>
              <dd>{p.vatNumber || none}</dd>
            </>
          ) : null}
          <dt>{t("review.displayName")}</dt>
          <dd>{p.displayName || none}</dd>
          <dt>{t(p.kind === "organisation" ? "identity.fiscalCodeOrganisation" : "identity.fiscalCode")}</dt>
          <dd>{p.fiscalCode || none}</dd>
        </dl>,
      )}

      {section(
        "services",
        view.services.length > 0 ? (
          <ul className="mb-0">
            {view.services.map((s) => (
              <li key={s.slug}>
                {t(`common:categories.${s.slug}.name`, { defaultValue: s.slug })}:{" "}
                {t("common:price.perHour", { price: formatMoney(s.cents, "EUR", locale) })}
              </li>
            ))}
          </ul>
        ) : (
          none
        ),
      )}

      {section(
        "zones",
        <dl>
          <dt>{t("zones.baseAddress")}</dt>
          <dd>{p.baseAddress || none}</dd>
          <dt>{t("zones.baseQuartiere")}</dt>
          <dd>
            {p.quartiereId !== null ? nameOf(p.quartiereId) : none}
            {view.baseFromLocation ? ` (${t("review.fromLocation")})` : ""}
          </dd>
          <dt>{t("zones.radius")}</dt>
          <dd>{p.serviceRadiusKm > 0 ? t("zones.radiusKm", { distance: formatKm(p.serviceRadiusKm, locale) }) : t("zones.radiusNone")}</dd>
          <dt>{t("review.zones", { count: view.zoneIds.length })}</dt>
          <dd>{view.zoneIds.length > 0 ? formatList(view.zoneIds.map(nameOf).sort((a, b) => a.localeCompare(b, locale)), i18n.language) : none}</dd>
        </dl>,
      )}

      {section(
        "languages",
        p.languages.length > 0 ? <p className="mb-0 text-capitalize-first">{formatList(p.languages.map((code) => t(`common:languages.${code}`)), i18n.language)}</p> : none,
      )}

      {section(
        "availability",
        view.slots.length > 0 ? (
          <ul className="mb-0">
            {isoWeekdays
              .filter(({ weekday }) => view.slots.some((s) => s.weekday === weekday))
              .map(({ weekday, code }) => (
                <li key={code}>
                  <span className="text-capitalize-first d-inline-block">{t(`common:weekdays.${code}`)}</span>:{" "}
                  {formatList(
                    view.slots
                      .filter((s) => s.weekday === weekday)
                      .map((s) => t("review.slot", { start: minutesToTime(s.startMinute), end: minutesToTime(s.endMinute) })),
                    locale,
                  )}
                </li>
              ))}
          </ul>
        ) : (
          none
        ),
      )}

      {section(
        "profile",
        <dl>
          <dt>{t("profile.photo")}</dt>
          <dd>{view.photo ? <img src={`/documents/${view.photo.id}`} alt="" className="vc-photo-preview" /> : t("profile.noPhoto")}</dd>
          {Object.entries(p.bio).map(([code, text]) => (
            <div key={code}>
              <dt className="text-capitalize-first">{t("review.bioIn", { language: t(`common:languages.${code}`, { defaultValue: code }) })}</dt>
              <dd lang={code} style={{ whiteSpace: "pre-line" }}>
                {text}
              </dd>
            </div>
          ))}
          <dt>{t("profile.yearsExperience")}</dt>
          <dd>{p.yearsExperience}</dd>
        </dl>,
      )}

      {section(
        "documents",
        view.documents.length > 0 ? (
          <ul className="mb-0">
            {view.documents.map((d) => (
              <li key={d.id}>
                {t(`documents.types.${d.docType}.title`)}: {d.originalName}
                {d.expiresOn ? ` · ${t("documents.expiresOn", { date: formatDate(`${d.expiresOn}T12:00:00Z`, locale) })}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          none
        ),
      )}

      <div className="vc-step-actions">
        <Link to="/provider/onboarding/documents">{t("form.back")}</Link>
        {view.canSubmit ? (
          <Form method="post">
            <CsrfInput />
            <button type="submit" name="intent" value="submit" className="btn btn-primary">
              {t("review.submit")}
            </button>
          </Form>
        ) : p.status === "draft" || p.status === "changes_requested" || p.status === "expired" ? (
          <p className="mb-0 vc-hint" id="submit-blocked">
            {t("review.submitBlocked")}
          </p>
        ) : (
          <Link to="/provider" className="btn btn-outline-primary">
            {t("review.toDashboard")}
          </Link>
        )}
      </div>
      {view.canSubmit ? <p className="vc-hint mt-2">{t("review.submitNote")}</p> : null}
    </div>
  );
}
