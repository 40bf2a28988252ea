import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AvailabilityTable } from "~/components/AvailabilityTable";
import { CsrfInput } from "~/components/CsrfInput";
import { errorAttributes, FieldError } from "~/components/FieldError";
import { OperatorErrorBoundary, operatorMeta } from "~/components/OperatorErrorBoundary";
import { ExpiryBadge, ProviderStatusBadge } from "~/components/VerificationBadges";
import { parseExpiredReason } from "~/domain/verification/document-expiry.server";
import { assertCanReviewProvider } from "~/domain/verification/operator-access.server";
import type { ApprovalProblem } from "~/domain/verification/provider-review.server";
import { getProviderForReview } from "~/domain/verification/provider-review.server";
import { applyVerificationDecision, VerificationDecisionError } from "~/domain/verification/verification-decisions.server";
import { MAX_REASON_LENGTH, parseDecisionForm, reasonRequiredFor, type DecisionFieldErrors } from "~/domain/verification/verification-forms";
import { operatorActions, type OperatorAction } from "~/domain/verification/verification-rules";
import { formatDate, formatMoney } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import operatorStyles from "~/styles/operator.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";

export const handle = { i18n: ["common", "operator", "provider"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: operatorStyles }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const provider = await forbiddenOnAuthorisationError(() => getProviderForReview(context.db, user, params.id ?? ""));
  if (!provider) throw new Response(null, { status: 404 });
  const t = await i18nServer.getFixedT(request, "operator");
  return {
    provider,
    // System reasons are stored as codes; show them in the page language.
    history: provider.history.map((h) => ({ ...h, expired: parseExpiredReason(h.reason) })),
    title: t("review.title", { name: provider.displayName }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => operatorMeta(matches, error, data?.title);

type ActionData = { errors: DecisionFieldErrors; refused?: { code: string; problems: ApprovalProblem[] } };

export async function action({ params, request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const providerId = params.id ?? "";
  // Who may act is settled before the form is even read.
  const scope = await forbiddenOnAuthorisationError(() => assertCanReviewProvider(context.db, user, providerId));
  if (!scope) throw new Response(null, { status: 404 });
  const formData = await request.formData();
  assertValidCsrf(formData, context);

  const parsed = parseDecisionForm(formData);
  if (parsed.errors) return data<ActionData>({ errors: parsed.errors }, { status: 400 });
  try {
    await forbiddenOnAuthorisationError(() =>
      applyVerificationDecision(context.db, user, { providerId, action: parsed.data.decision, reason: parsed.data.reason }),
    );
  } catch (error) {
    if (!(error instanceof VerificationDecisionError)) throw error;
    if (error.code === "not_found") throw new Response(null, { status: 404 });
    const errors: DecisionFieldErrors =
      error.code === "reason_required" ? { reason: "decision.errors.reasonRequired" } : error.code === "reason_too_long" ? { reason: "decision.errors.reasonTooLong" } : {};
    return data<ActionData>({ errors, refused: { code: error.code, problems: error.problems } }, { status: 409 });
  }
  return redirect(`/operator/providers/${providerId}?done=${parsed.data.decision}`, 303);
}

function ProblemText({ problem }: { problem: ApprovalProblem }) {
  const { t } = useTranslation("operator");
  if (problem.kind === "document") {
    return <>{t(`problems.document_${problem.problem}`, { document: t(`documentTypes.${problem.docType}`) })}</>;
  }
  if (problem.kind === "organisation_not_accredited") return <>{t("problems.organisation_not_accredited")}</>;
  return <>{t("problems.profile_incomplete", { fields: problem.fields.map((f) => t(`problems.fields.${f}`)).join(", ") })}</>;
}

export default function ProviderReview() {
  const { provider, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t, i18n } = useTranslation(["operator", "common", "provider"]);
  const locale = i18n.language;
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const done = operatorActions.find((a) => a === searchParams.get("done"));
  const errors = actionData?.errors ?? {};
  const refused = actionData?.refused;
  const [decision, setDecision] = useState<OperatorAction | "">("");
  const needsReason = decision !== "" && reasonRequiredFor(decision);
  const wantsApproval = provider.allowedActions.some((a) => a === "approve" || a === "reinstate");
  const dateTime = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Rome" }).format(new Date(iso));
  const hasErrors = Object.keys(errors).length > 0 || Boolean(refused);

  return (
    <div className="container py-4">
      <p>
        <Link to="/operator/verification">{t("review.backToQueue")}</Link>
      </p>

      {done ? (
        <div className="vc-op-notice mb-4" role="status">
          <p className="mb-0 fw-semibold">{t(`review.done.${done}`, { name: provider.displayName })}</p>
        </div>
      ) : null}

      <header className="mb-4">
        <p className="text-muted-strong mb-1">{t(`common:kinds.${provider.kind}`)}</p>
        <h1 className="mb-2">{provider.displayName}</h1>
        <p className="mb-1">
          {t("review.currentStatus")} <ProviderStatusBadge status={provider.status} />
        </p>
        <p className="mb-0">{provider.quartiere ? t("review.homeQuartiere", { name: provider.quartiere.name }) : t("review.noQuartiere")}</p>
      </header>

      {wantsApproval && provider.approvalProblems.length > 0 ? (
        <section className="vc-op-problems mb-4" aria-labelledby="problems-heading">
          <h2 id="problems-heading" className="h5">
            {t("review.problemsHeading")}
          </h2>
          <ul className="mb-0">
            {provider.approvalProblems.map((problem, i) => (
              <li key={i}>
                <ProblemText problem={problem} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="row g-4">
        <div className="col-12 col-lg-8">
          <section aria-labelledby="identity-heading" className="mb-4">
            <h2 id="identity-heading" className="h3">
              {t("review.identity.heading")}
            </h2>
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
              <dd>{provider.submittedAt ? dateTime(provider.submittedAt) : t("review.notGiven")}</dd>
              <dt>{t("review.identity.verifiedAt")}</dt>
              <dd>{provider.verifiedAt ? dateTime(provider.verifiedAt) : t("review.notGiven")}</dd>
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
          </section>

          <section aria-labelledby="documents-heading" className="mb-4">
            <h2 id="documents-heading" className="h3">
              {t("review.documents.heading")}
            </h2>
            <p>
              {t("review.documents.required", {
                list: provider.requiredDocuments.map((d) => t(`documentTypes.${d}`)).join(", "),
              })}
            </p>
            {provider.documents.length === 0 ? (
              <p>{t("review.documents.none")}</p>
            ) : (
              <div className="table-responsive">
                <table className="table vc-op-table">
                  <caption className="visually-hidden">{t("review.documents.caption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("review.documents.type")}</th>
                      <th scope="col">{t("review.documents.file")}</th>
                      <th scope="col">{t("review.documents.expiresOn")}</th>
                      <th scope="col">{t("review.documents.uploadedAt")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {provider.documents.map((doc) => (
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
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section aria-labelledby="services-heading" className="mb-4">
            <h2 id="services-heading" className="h3">
              {t("review.services.heading")}
            </h2>
            {provider.services.length === 0 ? (
              <p>{t("review.services.none")}</p>
            ) : (
              <ul>
                {provider.services.map((s) => (
                  <li key={s.categorySlug}>
                    {t(`common:categories.${s.categorySlug}.name`, { defaultValue: s.categorySlug })}:{" "}
                    {t("common:price.perHour", { price: formatMoney(s.hourlyPriceCents, provider.currency, locale) })}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="bio-heading" className="mb-4">
            <h2 id="bio-heading" className="h3">
              {t("review.bio.heading")}
            </h2>
            {Object.keys(provider.bio).length === 0 ? (
              <p>{t("review.bio.none")}</p>
            ) : (
              Object.entries(provider.bio).map(([lang, text]) => (
                <div key={lang} className="mb-3">
                  <h3 className="h6">{t(`common:languages.${lang}`, { defaultValue: lang })}</h3>
                  <p lang={lang} className="vc-op-reason">
                    {text}
                  </p>
                </div>
              ))
            )}
          </section>

          <section aria-labelledby="availability-heading" className="mb-4">
            <h2 id="availability-heading" className="h3">
              {t("review.availability.heading")}
            </h2>
            {provider.availability.length === 0 ? <p>{t("review.availability.none")}</p> : <AvailabilityTable slots={provider.availability} />}
          </section>

          <section aria-labelledby="history-heading" className="mb-4">
            <h2 id="history-heading" className="h3">
              {t("review.history.heading")}
            </h2>
            {history.length === 0 ? (
              <p>{t("review.history.none")}</p>
            ) : (
              <div className="table-responsive">
                <table className="table vc-op-table">
                  <caption className="visually-hidden">{t("review.history.caption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("review.history.when")}</th>
                      <th scope="col">{t("review.history.change")}</th>
                      <th scope="col">{t("review.history.who")}</th>
                      <th scope="col">{t("review.history.why")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {history.map((h) => (
                      <tr key={h.id}>
                        <td>{dateTime(h.at)}</td>
                        <td>
                          {t("review.history.fromTo", { from: t(`statuses.${h.from}`), to: t(`statuses.${h.to}`) })}
                        </td>
                        <td>
                          {h.actorName ??
                            t(`review.history.actors.${h.actor.startsWith("system:") ? "system" : h.actor === "operator" || h.actor === "admin" ? h.actor : "other"}`, {
                              actor: h.actor,
                            })}
                        </td>
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
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </div>

        <aside className="col-12 col-lg-4" aria-label={t("review.asideLabel")}>
          <section aria-labelledby="zones-heading" className="mb-4">
            <h2 id="zones-heading" className="h5">
              {t("review.zones.heading")}
            </h2>
            {provider.zones.length === 0 ? (
              <p>{t("review.zones.none")}</p>
            ) : (
              <ul className="mb-0">
                {provider.zones.map((z) => (
                  <li key={z.id}>{z.name}</li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="languages-heading" className="mb-4">
            <h2 id="languages-heading" className="h5">
              {t("review.languages.heading")}
            </h2>
            <p className="mb-0">
              {provider.languages.length === 0
                ? t("review.languages.none")
                : provider.languages.map((code) => t(`common:languages.${code}`, { defaultValue: code })).join(", ")}
            </p>
          </section>
          {provider.organisation ? (
            <section aria-labelledby="organisation-heading" className="mb-4">
              <h2 id="organisation-heading" className="h5">
                {t("review.organisation.heading")}
              </h2>
              <p className="mb-1">
                <Link to={`/operator/providers/${provider.organisation.id}`}>{provider.organisation.name}</Link>
              </p>
              <p className="mb-0">
                {provider.organisation.status === "verified" ? t("review.organisation.accredited") : t("review.organisation.notAccredited")}{" "}
                <ProviderStatusBadge status={provider.organisation.status} />
              </p>
            </section>
          ) : null}
          {provider.kind === "organisation" ? (
            <section aria-labelledby="workers-heading" className="mb-4">
              <h2 id="workers-heading" className="h5">
                {t("review.workers.heading")}
              </h2>
              <p className="vc-hint">{t("review.workers.note")}</p>
              {provider.workers.length === 0 ? (
                <p className="mb-0">{t("review.workers.none")}</p>
              ) : (
                <ul className="mb-0">
                  {provider.workers.map((w) => (
                    <li key={w.id} className="mb-1">
                      <Link to={`/operator/providers/${w.id}`}>{w.displayName}</Link> <ProviderStatusBadge status={w.status} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ) : null}

          <section aria-labelledby="decision-heading" className="vc-op-decision vc-form">
            <h2 id="decision-heading" className="h4">
              {t("decision.heading")}
            </h2>
            {provider.allowedActions.length === 0 ? (
              <p className="mb-0">{t("decision.noneAllowed", { status: t(`statuses.${provider.status}`) })}</p>
            ) : (
              <Form method="post" noValidate aria-describedby={hasErrors ? "decision-summary" : undefined}>
                <CsrfInput />
                {hasErrors ? (
                  <div id="decision-summary" className="vc-error-summary mb-3" role="alert">
                    <p className="mb-0">{refused?.code === "approval_refused" ? t("decision.refused") : t("decision.errors.summary")}</p>
                    {refused && refused.problems.length > 0 ? (
                      <ul className="mb-0 mt-1">
                        {refused.problems.map((problem, i) => (
                          <li key={i}>
                            <ProblemText problem={problem} />
                          </li>
                        ))}
                      </ul>
                    ) : refused && refused.code !== "approval_refused" && !errors.reason ? (
                      <p className="mb-0">{t(`decision.errors.${refused.code}`, { defaultValue: t("decision.errors.summary") })}</p>
                    ) : null}
                  </div>
                ) : null}
                <fieldset className="vc-fieldset" {...errorAttributes("decision", errors.decision)}>
                  <legend className="vc-legend">{t("decision.choose")}</legend>
                  <FieldError field="decision" messageKey={errors.decision} ns="operator" />
                  {provider.allowedActions.map((action) => (
                    <div key={action} className="form-check my-1">
                      <input
                        id={`decision-${action}`}
                        type="radio"
                        name="decision"
                        value={action}
                        checked={decision === action}
                        onChange={() => setDecision(action)}
                      />
                      <label htmlFor={`decision-${action}`} className="vc-check-label">
                        {t(`decision.actions.${action}`)}
                      </label>
                    </div>
                  ))}
                </fieldset>
                <div className="form-group">
                  <label htmlFor="reason" className="vc-legend d-block">
                    {needsReason ? t("decision.reasonRequiredLabel") : t("decision.reasonLabel")}
                  </label>
                  <textarea
                    id="reason"
                    name="reason"
                    maxLength={MAX_REASON_LENGTH}
                    required={needsReason}
                    {...errorAttributes("reason", errors.reason, ["reason-hint"])}
                  />
                  <p id="reason-hint" className="vc-hint">
                    {t("decision.reasonHint")}
                  </p>
                  <FieldError field="reason" messageKey={errors.reason} ns="operator" />
                </div>
                <div className="form-check my-2">
                  <input id="confirm" type="checkbox" name="confirm" value="yes" {...errorAttributes("confirm", errors.confirm)} />
                  <label htmlFor="confirm" className="vc-check-label">
                    {t("decision.confirm")}
                  </label>
                  <FieldError field="confirm" messageKey={errors.confirm} ns="operator" />
                </div>
                <button type="submit" className="btn btn-primary w-100 mt-2" disabled={navigation.state === "submitting"}>
                  {t("decision.submit")}
                </button>
              </Form>
            )}
          </section>
        </aside>
      </div>
    </div>
  );
}

export { OperatorErrorBoundary as ErrorBoundary };
