import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountField, Notice } from "~/components/AccountForm";
import { CsrfInput } from "~/components/CsrfInput";
import { DataTable } from "~/components/DataTable";
import { FieldError, errorAttributes, hintId } from "~/components/FieldError";
import { LabelledSection } from "~/components/LabelledSection";
import { OperatorErrorBoundary, operatorMeta } from "~/components/OperatorErrorBoundary";
import { SelectField } from "~/components/SelectField";
import { isPaymentError, type PaymentErrorCode } from "~/domain/payments/payment-errors";
import { parseGrantVoucherForm, todayInMilan, type GrantVoucherErrors } from "~/domain/payments/voucher-forms";
import { assertCanManageVouchers, getOperatorVoucherPage, grantVoucher, revokeVoucher } from "~/domain/payments/vouchers.server";
import { formatDate, formatMoney } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import operatorStyles from "~/styles/operator.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

/**
 * /operator/vouchers — an operator grants municipal vouchers to families of their quartieri and
 * revokes them; every grant and revocation is in the audit log (the domain writes it).
 */
export const handle = { i18n: ["common", "operator", "payment"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: operatorStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const page = await forbiddenOnAuthorisationError(() => getOperatorVoucherPage(context.db, user));
  const t = await i18nServer.getFixedT(request, "payment");
  return { ...page, today: todayInMilan(), title: t("meta.operatorVouchersTitle") };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => operatorMeta(matches, error, data?.title);

type ActionData = { errors: GrantVoucherErrors; values: Record<string, string>; categoryIds: string[] } | { refused: PaymentErrorCode };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  // Who may act is settled before the form is even read.
  await forbiddenOnAuthorisationError(async () => assertCanManageVouchers(user));
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);

  if (formData.get("intent") === "revoke") {
    try {
      await forbiddenOnAuthorisationError(() => revokeVoucher(context.db, user, String(formData.get("voucherId") ?? "")));
    } catch (error) {
      if (isPaymentError(error, "voucher_not_found")) throw new Response(null, { status: 404 });
      if (isPaymentError(error)) return data<ActionData>({ refused: error.code }, { status: 409 });
      throw error;
    }
    return redirect("/operator/vouchers?done=revoked", 303);
  }

  if (formData.get("intent") !== "grant") return data<ActionData>({ refused: "invalid_form" }, { status: 400 });
  const categoryIds = formData.getAll("categoryIds").map(String);
  const parsed = parseGrantVoucherForm(formData, todayInMilan());
  if (parsed.errors) return data<ActionData>({ errors: parsed.errors, values: parsed.values, categoryIds }, { status: 400 });
  try {
    const { voucherId } = await forbiddenOnAuthorisationError(() =>
      grantVoucher(context.db, user, {
        familyEmail: parsed.data.familyEmail,
        programme: parsed.data.programme,
        budgetCents: parsed.data.budget,
        categoryIds: parsed.data.categoryIds,
        expiresOn: parsed.data.expiresOn,
        quartiereId: parsed.data.quartiereId,
      }),
    );
    return redirect(`/operator/vouchers?granted=${voucherId}`, 303);
  } catch (error) {
    if (isPaymentError(error, "family_not_found")) {
      return data<ActionData>({ errors: { familyEmail: "errors.family_not_found" }, values: parsed.values, categoryIds }, { status: 400 });
    }
    if (isPaymentError(error, "quartiere_unknown")) {
      return data<ActionData>({ errors: { quartiereId: "errors.quartiere_unknown" }, values: parsed.values, categoryIds }, { status: 400 });
    }
    if (isPaymentError(error, "category_unknown")) {
      return data<ActionData>({ errors: { categoryIds: "errors.category_unknown" }, values: parsed.values, categoryIds }, { status: 400 });
    }
    throw error;
  }
}

export default function OperatorVouchers() {
  const { vouchers, quartieri, categories, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t, i18n } = useTranslation(["payment", "common"]);
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const locale = i18n.language;
  const form = actionData && "errors" in actionData ? actionData : null;
  const errors = form?.errors ?? {};
  const values = form?.values ?? {};
  const checked = new Set(form?.categoryIds ?? []);
  const granted = vouchers.find((v) => v.id === searchParams.get("granted"));
  const money = (cents: number) => formatMoney(cents, "EUR", locale);

  return (
    <div className="container py-4">
      <h1 className="mb-2">{t("operatorVouchers.heading")}</h1>
      <p className="lead">{t("operatorVouchers.lead")}</p>

      {!actionData ? (
        <>
          <Notice text={granted ? t("operatorVouchers.granted", { email: granted.familyEmail }) : null} />
          <Notice text={searchParams.get("done") === "revoked" ? t("operatorVouchers.revokedNotice") : null} />
        </>
      ) : null}
      {actionData && "refused" in actionData ? (
        <div className="alert alert-warning" role="alert">
          {t(`errors.${actionData.refused}`)}
        </div>
      ) : null}

      <div className="row g-4">
        <div className="col-12 col-xl-4">
          <LabelledSection headingId="grant-heading" heading={t("operatorVouchers.grant.heading")}>
            {quartieri.length === 0 ? (
              <p>{t("operatorVouchers.noQuartieri")}</p>
            ) : (
              <Form method="post" className="vc-form" noValidate>
                <CsrfInput />
                <input type="hidden" name="intent" value="grant" />
                {Object.keys(errors).length > 0 ? (
                  <div className="alert alert-danger" role="alert">
                    <p className="mb-0">{t("operatorVouchers.errors.summary")}</p>
                  </div>
                ) : null}
                <AccountField
                  name="familyEmail"
                  type="email"
                  label={t("operatorVouchers.grant.familyEmail")}
                  hint={t("operatorVouchers.grant.familyEmailHint")}
                  autoComplete="off"
                  required
                  maxLength={254}
                  defaultValue={values.familyEmail}
                  error={errors.familyEmail}
                  ns="payment"
                />
                <AccountField
                  name="programme"
                  label={t("operatorVouchers.grant.programme")}
                  hint={t("operatorVouchers.grant.programmeHint")}
                  required
                  maxLength={120}
                  defaultValue={values.programme}
                  error={errors.programme}
                  ns="payment"
                />
                <AccountField
                  name="budget"
                  inputMode="decimal"
                  label={t("operatorVouchers.grant.budget")}
                  hint={t("operatorVouchers.grant.budgetHint")}
                  required
                  maxLength={10}
                  defaultValue={values.budget}
                  error={errors.budget}
                  ns="payment"
                />
                <fieldset className="vc-fieldset" {...errorAttributes("categoryIds", errors.categoryIds, [hintId("categoryIds")])}>
                  <legend className="vc-legend">{t("operatorVouchers.grant.categories")}</legend>
                  <p id={hintId("categoryIds")} className="vc-hint">
                    {t("operatorVouchers.grant.categoriesHint")}
                  </p>
                  {categories.map((c) => (
                    <div className="form-check my-1" key={c.id}>
                      <input
                        type="checkbox"
                        id={`category-${c.id}`}
                        name="categoryIds"
                        value={String(c.id)}
                        defaultChecked={checked.has(String(c.id))}
                      />
                      <label htmlFor={`category-${c.id}`} className="vc-check-label">
                        {t(`common:categories.${c.slug}.name`)}
                      </label>
                    </div>
                  ))}
                  <FieldError field="categoryIds" messageKey={errors.categoryIds} ns="payment" />
                </fieldset>
                <AccountField
                  name="expiresOn"
                  type="date"
                  label={t("operatorVouchers.grant.expiresOn")}
                  required
                  min={today}
                  defaultValue={values.expiresOn}
                  error={errors.expiresOn}
                  ns="payment"
                />
                <SelectField
                  name="quartiereId"
                  label={t("operatorVouchers.grant.quartiere")}
                  options={quartieri.map((q) => ({ value: String(q.id), label: q.name }))}
                  defaultValue={values.quartiereId || String(quartieri[0]!.id)}
                  error={errors.quartiereId}
                  ns="payment"
                />
                <button type="submit" className="btn btn-primary mt-3" disabled={navigation.state !== "idle"}>
                  {t("operatorVouchers.grant.submit")}
                </button>
              </Form>
            )}
          </LabelledSection>
        </div>

        <div className="col-12 col-xl-8">
          <LabelledSection headingId="list-heading" heading={t("operatorVouchers.list.heading")}>
            {vouchers.length === 0 ? (
              <p>{t("operatorVouchers.list.empty")}</p>
            ) : (
              <DataTable
                caption={t("operatorVouchers.list.caption")}
                columns={[
                  t("operatorVouchers.list.family"),
                  t("operatorVouchers.list.programme"),
                  t("operatorVouchers.list.quartiere"),
                  { label: t("operatorVouchers.list.balance"), className: "text-end" },
                  t("operatorVouchers.list.expires"),
                  t("operatorVouchers.list.state"),
                  t("operatorVouchers.list.actions"),
                ]}
              >
                {vouchers.map((v) => {
                  const state = v.revokedAt ? "revoked" : v.expiresOn < today ? "expired" : v.balanceCents === 0 ? "used" : "active";
                  return (
                    <tr key={v.id}>
                      <th scope="row">
                        {v.familyName ?? v.familyEmail}
                        {v.familyName && v.familyName !== v.familyEmail ? <span className="d-block small text-muted-strong">{v.familyEmail}</span> : null}
                      </th>
                      <td>
                        {v.programme}
                        {v.grantedByMe ? <span className="d-block small text-muted-strong">{t("operatorVouchers.list.grantedByMe")}</span> : null}
                      </td>
                      <td>{v.quartiereName ?? "—"}</td>
                      <td className="text-end">
                        {money(v.balanceCents)}
                        <span className="d-block small text-muted-strong">/ {money(v.budgetCents)}</span>
                      </td>
                      <td>{formatDate(v.expiresOn, locale)}</td>
                      <td>{t(`vouchers.states.${state}`)}</td>
                      <td>
                        {v.revokedAt ? null : (
                          <Form method="post">
                            <CsrfInput />
                            <input type="hidden" name="intent" value="revoke" />
                            <input type="hidden" name="voucherId" value={v.id} />
                            <button
                              type="submit"
                              className="btn btn-outline-danger btn-sm"
                              aria-label={t("operatorVouchers.list.revokeLabel", { programme: v.programme, family: v.familyName ?? v.familyEmail })}
                              disabled={navigation.state !== "idle"}
                            >
                              {t("operatorVouchers.list.revoke")}
                            </button>
                          </Form>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </DataTable>
            )}
          </LabelledSection>
        </div>
      </div>
    </div>
  );
}

export { OperatorErrorBoundary as ErrorBoundary };
