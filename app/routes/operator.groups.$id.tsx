import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { DataTable } from "~/components/DataTable";
import { FieldError, errorAttributes } from "~/components/FieldError";
import { TextAreaField } from "~/components/TextAreaField";
import { LabelledSection } from "~/components/LabelledSection";
import { OperatorErrorBoundary, operatorMeta } from "~/components/OperatorErrorBoundary";
import { CategoryName, MemberName, Money, SlotsText } from "~/components/sharing/GroupText";
import { SharingErrorSummary, SharingNotice, SharingRefusal } from "~/components/sharing/SharingErrorSummary";
import { formatDay } from "~/domain/bookings/describe-schedule";
import { assertOperatorOfGroup, assignProvider, getOperatorGroupPage, OFFER_MESSAGE_MAX } from "~/domain/sharing/group-offers.server";
import { respondOnBehalf } from "~/domain/sharing/groups.server";
import type { FieldErrors } from "~/domain/sharing/need-schemas";
import { isSharingError, type SharingErrorCode } from "~/domain/sharing/sharing-errors";
import { formatDate, formatMoney } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import operatorStyles from "~/styles/operator.css";
import sharingStyles from "~/styles/sharing.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "operator", "sharing", "booking"] };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: operatorStyles },
  { rel: "stylesheet", href: sharingStyles },
];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const page = await forbiddenOnAuthorisationError(() => getOperatorGroupPage(context.db, user, params.id ?? ""));
  if (!page) throw new Response(null, { status: 404 });
  const t = await i18nServer.getFixedT(request, ["sharing", "common"]);
  const category = t(`common:categories.${page.group.categorySlug}.name`, { defaultValue: page.group.categorySlug });
  return { page, title: t("sharing:group.title", { category, quartiere: page.group.quartiereName }) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => operatorMeta(matches, error, data?.title);

type ActionData = { intent: string; errors?: FieldErrors; values?: Record<string, string>; refusal?: SharingErrorCode };

export async function action({ params, request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const groupId = params.id ?? "";
  // Who may act is settled before the form is even read.
  if (!(await forbiddenOnAuthorisationError(() => assertOperatorOfGroup(context.db, user, groupId)))) throw new Response(null, { status: 404 });
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const field = (name: string) => String(formData.get(name) ?? "");
  const intent = field("intent");
  return forbiddenOnAuthorisationError(async () => {
    try {
      if (intent === "assign") {
        const values = { providerId: field("providerId"), price: field("price"), message: field("message") };
        const result = await assignProvider(context.db, user, { groupId, ...values });
        if (!result) throw new Response(null, { status: 404 });
        if (!result.ok) return data<ActionData>({ intent, errors: result.errors, values }, { status: 400 });
        return redirect(`/operator/groups/${groupId}?done=assigned`, 303);
      }
      if (intent === "accept" || intent === "decline") {
        const expected = field("expectedShare");
        const outcome = await respondOnBehalf(context.db, user, {
          groupId,
          needId: field("needId"),
          answer: intent,
          expectedShareCents: /^\d+$/.test(expected) ? Number(expected) : null,
        });
        if (!outcome) throw new Response(null, { status: 404 });
        return redirect(`/operator/groups/${groupId}?done=${outcome}`, 303);
      }
      return data<ActionData>({ intent, refusal: "not_allowed_now" }, { status: 400 });
    } catch (error) {
      if (isSharingError(error)) return data<ActionData>({ intent, refusal: error.code }, { status: 409 });
      throw error;
    }
  });
}

const doneNotices = ["assigned", "accepted", "formed", "declined", "dissolved"] as const;

export default function OperatorGroup() {
  const { page } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t, i18n } = useTranslation(["sharing", "common"]);
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const done = actionData ? undefined : doneNotices.find((d) => d === searchParams.get("done"));
  const { group, members, offers, candidates } = page;
  const assignErrors = actionData?.intent === "assign" ? actionData.errors : undefined;
  const assignValues = actionData?.intent === "assign" ? actionData.values : undefined;

  return (
    <div className="container py-4">
      <p>
        <Link to="/operator/needs">{t("page.backToOperator")}</Link>
      </p>
      <SharingNotice text={done ? t(`operator.done.${done}`) : null} />
      <SharingRefusal code={actionData?.refusal} />
      <h1>
        <CategoryName slug={group.categorySlug} /> · {group.quartiereName}
      </h1>
      <p>
        <span className="vc-status-tag">{t(`groupStatus.${group.status}`)}</span>
      </p>

      <div className="row g-4">
        <div className="col-12 col-lg-7">
          <LabelledSection headingId="terms-heading" heading={t("group.termsHeading")}>
            <dl className="vc-facts">
              <dt>{t("group.when")}</dt>
              <dd>
                <SlotsText slots={group.schedule} />
              </dd>
              <dt>{t("group.groupPrice")}</dt>
              <dd>
                <Money cents={group.hourlyTotalCents} perHour />
              </dd>
              <dt>{t("group.alonePrice")}</dt>
              <dd>
                <Money cents={group.individualHourlyCents} perHour />
              </dd>
              {group.bookingId ? (
                <>
                  <dt>{t("operator.booking")}</dt>
                  <dd>{t("operator.booked")}</dd>
                </>
              ) : null}
            </dl>
          </LabelledSection>

          <LabelledSection headingId="members-heading" heading={t("group.membersHeading")}>
            <DataTable caption={t("group.membersCaption")} columns={[t("group.member"), t("group.persons"), t("group.share"), t("group.memberState")]}>
              {members.map((m) => (
                <tr key={m.needId}>
                  <th scope="row">
                    <MemberName label={m.label} />
                    {m.onBehalf ? (
                      <span className="d-block vc-hint">
                        {t("operator.atDeskShort")}
                        {m.onBehalf.contactNote ? ` · ${m.onBehalf.contactNote}` : ""}
                      </span>
                    ) : null}
                  </th>
                  <td>{t("plural.persons", { count: m.persons })}</td>
                  <td>
                    <Money cents={m.shareHourlyCents} perHour />
                  </td>
                  <td>
                    {m.leavesOn ? t("group.leavesOn", { date: formatDay(m.leavesOn, i18n.language) }) : t(`memberStatus.${m.status}`)}
                    {m.onBehalf && group.status === "proposed" && (m.status === "invited" || m.status === "accepted") ? (
                      <div className="mt-2">
                        {m.status === "invited" ? (
                          <Form method="post" className="vc-inline-form">
                            <CsrfInput />
                            <input type="hidden" name="intent" value="accept" />
                            <input type="hidden" name="needId" value={m.needId} />
                            <input type="hidden" name="expectedShare" value={String(m.shareHourlyCents)} />
                            <button type="submit" className="btn btn-primary btn-sm" disabled={busy} aria-label={t("operator.acceptFor", { name: m.label ?? "" })}>
                              {t("group.accept")}
                            </button>
                          </Form>
                        ) : null}
                        <Form method="post" className="vc-inline-form">
                          <CsrfInput />
                          <input type="hidden" name="intent" value="decline" />
                          <input type="hidden" name="needId" value={m.needId} />
                          <button type="submit" className="btn btn-outline-secondary btn-sm" disabled={busy} aria-label={t("operator.declineFor", { name: m.label ?? "" })}>
                            {t("group.decline")}
                          </button>
                        </Form>
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </DataTable>
          </LabelledSection>

          <LabelledSection headingId="offers-heading" heading={t("group.offersHeading")}>
            {offers.length === 0 ? (
              <p>{t("group.noOffers")}</p>
            ) : (
              <ul>
                {offers.map((o) => (
                  <li key={o.id}>
                    {o.providerName}: <Money cents={o.hourlyTotalCents} perHour /> — {t(`offerStatus.${o.status}`)}
                    {o.byOperator ? ` (${t("operator.assignedShort")})` : ""}
                  </li>
                ))}
              </ul>
            )}
          </LabelledSection>
        </div>

        <aside className="col-12 col-lg-5" aria-label={t("operator.asideLabel")}>
          {group.status === "formed" ? (
            <LabelledSection headingId="assign-heading" heading={t("operator.assignHeading")}>
              <p>{t("operator.assignLead")}</p>
              {candidates.length === 0 ? (
                <p>{t("operator.noCandidates")}</p>
              ) : (
                <Form method="post" noValidate className="vc-form">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="assign" />
                  <SharingErrorSummary errors={assignErrors} />
                  <div className="select-wrapper form-group">
                    <label htmlFor="providerId">{t("operator.provider")}</label>
                    <select id="providerId" name="providerId" defaultValue={assignValues?.providerId ?? ""} {...errorAttributes("providerId", assignErrors?.providerId)}>
                      <option value="">{t("operator.providerChoose")}</option>
                      {candidates.map((c) => (
                        <option key={c.id} value={c.id}>
                          {t("operator.candidate", { name: c.name, price: formatMoney(c.hourlyPriceCents, "EUR", i18n.language) })}
                        </option>
                      ))}
                    </select>
                    <FieldError field="providerId" messageKey={assignErrors?.providerId} ns="sharing" />
                  </div>
                  <div className="form-group">
                    <label htmlFor="price">{t("operator.assignPrice")}</label>
                    <input id="price" name="price" className="form-control" inputMode="decimal" maxLength={12} defaultValue={assignValues?.price ?? ""} {...errorAttributes("price", assignErrors?.price)} />
                    <FieldError field="price" messageKey={assignErrors?.price} ns="sharing" />
                  </div>
                  <TextAreaField
                    id="message"
                    name="message"
                    label={t("operator.assignMessage")}
                    error={assignErrors?.message}
                    ns="sharing"
                    rows={3}
                    maxLength={OFFER_MESSAGE_MAX}
                    defaultValue={assignValues?.message ?? ""}
                  />
                  <button type="submit" className="btn btn-primary" disabled={busy}>
                    {t("operator.assign")}
                  </button>
                </Form>
              )}
            </LabelledSection>
          ) : null}

          <LabelledSection headingId="history-heading" heading={t("group.historyHeading")}>
            <ol className="mb-0">
              {page.history.map((h, i) => (
                <li key={i}>
                  {t(`history.${h.action}`, { defaultValue: h.action })} — <time dateTime={h.at}>{formatDate(h.at, i18n.language)}</time>
                </li>
              ))}
            </ol>
          </LabelledSection>
        </aside>
      </div>
    </div>
  );
}

export { OperatorErrorBoundary as ErrorBoundary };
