import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ScheduleText } from "~/components/bookings/BookingTerms";
import { CsrfInput } from "~/components/CsrfInput";
import { DataTable } from "~/components/DataTable";
import { FieldError, errorAttributes } from "~/components/FieldError";
import { LabelledSection } from "~/components/LabelledSection";
import { CategoryName, GroupSentence, MemberName, Money, SlotsText } from "~/components/sharing/GroupText";
import { SharingErrorBoundary } from "~/components/sharing/SharingErrorBoundary";
import { SharingErrorSummary, SharingNotice, SharingRefusal } from "~/components/sharing/SharingErrorSummary";
import { UnshownErrors } from "~/components/UnshownErrors";
import { formatDay } from "~/domain/bookings/describe-schedule";
import { addDays, romeLocal } from "~/domain/bookings/schedule";
import { assertGroupMember, chooseOffer, getGroupPage, leaveGroup, respondToProposal } from "~/domain/sharing/groups.server";
import type { FieldErrors } from "~/domain/sharing/need-schemas";
import { isSharingError, type SharingErrorCode } from "~/domain/sharing/sharing-errors";
import { formatDate } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import sharingStyles from "~/styles/sharing.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "sharing", "booking"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: sharingStyles }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const page = await forbiddenOnAuthorisationError(() => getGroupPage(context.db, user, params.id ?? ""));
  if (!page) throw new Response(null, { status: 404 });
  const t = await i18nServer.getFixedT(request, ["sharing", "common"]);
  const category = t(`common:categories.${page.group.categorySlug}.name`, { defaultValue: page.group.categorySlug });
  return { page, today: romeLocal(new Date()).date, title: t("sharing:group.title", { category, quartiere: page.group.quartiereName }) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "robots", content: "noindex" },
];

type ActionData = { intent: string; errors?: FieldErrors; values?: Record<string, string>; refusal?: SharingErrorCode };

const intents = ["accept", "decline", "choose", "leave"] as const;

export async function action({ params, request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const groupId = params.id ?? "";
  // Who may act is settled before the form is even read.
  if (!(await forbiddenOnAuthorisationError(() => assertGroupMember(context.db, user, groupId)))) throw new Response(null, { status: 404 });
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const intent = intents.find((i) => i === formData.get("intent"));
  if (!intent) return data<ActionData>({ intent: "", refusal: "not_allowed_now" }, { status: 400 });
  const field = (name: string) => String(formData.get(name) ?? "");
  return forbiddenOnAuthorisationError(async () => {
    try {
      if (intent === "accept" || intent === "decline") {
        const expected = Number(field("expectedShare"));
        const outcome = await respondToProposal(context.db, user, {
          groupId,
          answer: intent,
          expectedShareCents: Number.isSafeInteger(expected) && field("expectedShare") !== "" ? expected : null,
        });
        if (!outcome) throw new Response(null, { status: 404 });
        return redirect(intent === "decline" ? `/needs?notice=declined` : `/groups/${groupId}?done=${outcome}`, 303);
      }
      if (intent === "choose") {
        const values = { offerId: field("offerId"), firstDate: field("firstDate"), lastDate: field("lastDate") };
        const result = await chooseOffer(context.db, user, { groupId, ...values });
        if (!result) throw new Response(null, { status: 404 });
        if (!result.ok) return data<ActionData>({ intent, errors: result.errors, values }, { status: 400 });
        return redirect(`/groups/${groupId}?done=booked`, 303);
      }
      const left = await leaveGroup(context.db, user, { groupId });
      if (!left) throw new Response(null, { status: 404 });
      return redirect(`/groups/${groupId}?done=${left.outcome}`, 303);
    } catch (error) {
      if (isSharingError(error)) return data<ActionData>({ intent, refusal: error.code }, { status: 409 });
      throw error;
    }
  });
}

const doneNotices = ["accepted", "formed", "repriced", "dissolved", "booked", "left", "notice"] as const;

export default function GroupPage() {
  const { page, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t, i18n } = useTranslation(["sharing", "common", "booking"]);
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const locale = i18n.language;
  const done = actionData ? undefined : doneNotices.find((n) => n === searchParams.get("done"));
  const { group, me, members, offers, booking, actions } = page;
  const chooseErrors = actionData?.intent === "choose" ? actionData.errors : undefined;
  const chooseValues = actionData?.intent === "choose" ? actionData.values : undefined;
  const openOffers = offers.filter((o) => o.status === "open");
  const severalSlots = group.schedule.length > 1;

  return (
    <div className="container py-5">
      <p>
        <Link to="/needs">{t("page.backToNeeds")}</Link>
      </p>
      <SharingNotice text={done ? t(`group.done.${done}`) : null} />
      <SharingRefusal code={actionData?.refusal} />
      {/* A choice sent when there is nothing (left) to choose: its errors have no form to sit in. */}
      <UnshownErrors ns="sharing" errors={chooseErrors && !(group.status === "formed" && openOffers.length > 0) ? Object.values(chooseErrors) : []} />

      <header className="mb-4">
        <p className="text-muted-strong mb-1">{t(group.sameCondominium ? "group.eyebrowCondominium" : "group.eyebrow")}</p>
        <h1 className="mb-2">
          <CategoryName slug={group.categorySlug} /> · {group.quartiereName}
        </h1>
        <p>
          <span className="vc-status-tag" data-testid="group-status">
            {t(`groupStatus.${group.status}`)}
          </span>
        </p>
        <p className="vc-summary" data-testid="group-summary">
          <GroupSentence
            facts={{
              families: group.families,
              quartiereName: group.quartiereName,
              schedule: group.schedule,
              shareHourlyCents: me.shareHourlyCents,
              individualHourlyCents: group.individualHourlyCents,
            }}
          />
        </p>
        <p className="mb-0">{t(`group.statusExplained.${group.status}`, { count: group.minSize })}</p>
      </header>

      <div className="row g-4">
        <div className="col-12 col-lg-7">
          {actions.accept || actions.decline ? (
            <LabelledSection headingId="answer-heading" heading={t("group.answerHeading")}>
              <p>
                {me.status === "accepted" ? t("group.youAccepted") : t("group.answerLead")}{" "}
                <strong>
                  <Money cents={me.shareHourlyCents} perHour />
                </strong>
              </p>
              {actions.accept ? (
                <Form method="post" className="vc-inline-form">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="accept" />
                  <input type="hidden" name="expectedShare" value={String(me.shareHourlyCents)} />
                  <button type="submit" className="btn btn-primary" disabled={busy}>
                    {t("group.accept")}
                  </button>
                </Form>
              ) : null}
              <Form method="post" className="vc-inline-form">
                <CsrfInput />
                <input type="hidden" name="intent" value="decline" />
                <button type="submit" className="btn btn-outline-secondary" disabled={busy}>
                  {t("group.decline")}
                </button>
              </Form>
              <p className="vc-hint mt-2">{t("group.declineHint")}</p>
            </LabelledSection>
          ) : null}

          {me.status === "declined" || me.status === "left" ? <p className="alert alert-info">{t("group.notMember")}</p> : null}

          {members.length > 0 ? (
            <LabelledSection headingId="members-heading" heading={t("group.membersHeading")}>
              <DataTable caption={t("group.membersCaption")} columns={[t("group.member"), t("group.persons"), t("group.share"), t("group.memberState")]} className="table">
                {members.map((m) => (
                  <tr key={m.needId}>
                    <th scope="row">
                      <MemberName label={m.label} isMe={m.isMe} />
                      {m.hosts ? <span className="d-block vc-hint">{t(m.isMe ? "group.hostsYou" : "group.hosts")}</span> : null}
                    </th>
                    <td>{t("plural.persons", { count: m.persons })}</td>
                    <td>
                      <Money cents={m.shareHourlyCents} perHour />
                    </td>
                    <td>{m.leavesOn ? t("group.leavesOn", { date: formatDay(m.leavesOn, locale) }) : t(`memberStatus.${m.status}`)}</td>
                  </tr>
                ))}
              </DataTable>
              <p className="vc-hint">{t("group.privacy")}</p>
            </LabelledSection>
          ) : null}

          {group.status === "formed" ? (
            <LabelledSection headingId="offers-heading" heading={t("group.offersHeading")}>
              {openOffers.length === 0 ? (
                <p>{t("group.noOffers")}</p>
              ) : (
                <Form method="post" noValidate>
                  <CsrfInput />
                  <input type="hidden" name="intent" value="choose" />
                  <SharingErrorSummary errors={chooseErrors} fieldIds={{ offerId: "offer-choice" }} />
                  <fieldset className="vc-fieldset" id="offer-choice" tabIndex={-1}>
                    <legend className="vc-legend">{t("group.offersLegend")}</legend>
                    {openOffers.map((o, i) => (
                      <div className="vc-group-card" key={o.id}>
                        <div className="form-check">
                          <input
                            id={`offer-${o.id}`}
                            type="radio"
                            name="offerId"
                            value={o.id}
                            defaultChecked={chooseValues ? chooseValues.offerId === o.id : i === 0}
                            disabled={!actions.chooseOffer}
                          />
                          <label htmlFor={`offer-${o.id}`} className="vc-check-label">
                            {t("group.offerLine", { provider: o.providerName })}
                          </label>
                        </div>
                        <dl className="vc-facts mt-2">
                          <dt>{t("group.offerTotal")}</dt>
                          <dd>
                            <Money cents={o.hourlyTotalCents} perHour />
                          </dd>
                          {o.myShareCents !== null ? (
                            <>
                              <dt>{t("group.offerYourShare")}</dt>
                              <dd>
                                <Money cents={o.myShareCents} perHour />
                              </dd>
                            </>
                          ) : null}
                          {o.message ? (
                            <>
                              <dt>{t("group.offerMessage")}</dt>
                              <dd className="vc-prewrap">{o.message}</dd>
                            </>
                          ) : null}
                        </dl>
                        <p className="mb-0 vc-hint">
                          {o.assignedByOperator ? t("group.assignedByOperator") : null}{" "}
                          <Link to={`/providers/${o.providerId}`}>{t("group.seeProfile", { provider: o.providerName })}</Link>
                        </p>
                      </div>
                    ))}
                    <FieldError field="offerId" messageKey={chooseErrors?.offerId} ns="sharing" />
                  </fieldset>
                  {actions.chooseOffer ? (
                    <>
                      <p>
                        {t("group.bookingCovers")} <SlotsText slots={group.bookingSlot ? [group.bookingSlot] : []} />
                        {severalSlots ? <span className="d-block vc-hint">{t("group.oneSlotOnly")}</span> : null}
                      </p>
                      <div className="vc-time-range">
                        {(["firstDate", "lastDate"] as const).map((name) => (
                          <div className="form-group" key={name}>
                            <label htmlFor={name}>{t(`group.${name}`)}</label>
                            <input
                              id={name}
                              name={name}
                              type="date"
                              className="form-control"
                              min={today}
                              defaultValue={chooseValues?.[name] ?? (name === "firstDate" ? addDays(today, 7) : addDays(today, 90))}
                              {...errorAttributes(name, chooseErrors?.[name])}
                            />
                            <FieldError field={name} messageKey={chooseErrors?.[name]} ns="sharing" />
                          </div>
                        ))}
                      </div>
                      <p className="vc-hint">{t("group.chooseHint")}</p>
                      <button type="submit" className="btn btn-primary" disabled={busy}>
                        {t("group.choose")}
                      </button>
                    </>
                  ) : null}
                </Form>
              )}
            </LabelledSection>
          ) : null}

          {booking ? (
            <LabelledSection headingId="booking-heading" heading={t("group.bookingHeading")}>
              <dl className="vc-facts">
                <dt>{t("group.bookingProvider")}</dt>
                <dd>{booking.providerName}</dd>
                <dt>{t("group.bookingWhen")}</dt>
                <dd>
                  <ScheduleText pattern={booking.pattern} />
                </dd>
                <dt>{t("group.bookingStatus")}</dt>
                <dd>{t(`booking:status.${booking.status}`, { defaultValue: booking.status })}</dd>
                <dt>{t("group.bookingTotal")}</dt>
                <dd>
                  <Money cents={booking.totalCents} /> ({t("group.bookingHourly")} <Money cents={booking.hourlyPriceCents} perHour />)
                </dd>
                {booking.myAmountCents !== null ? (
                  <>
                    <dt>{t("group.yourAmount")}</dt>
                    <dd data-testid="my-amount">
                      <strong>
                        <Money cents={booking.myAmountCents} />
                      </strong>
                      {booking.paymentMode ? <span className="d-block vc-hint">{t(`group.payment.${booking.paymentMode}`)}</span> : null}
                    </dd>
                  </>
                ) : null}
              </dl>
              <DataTable caption={t("group.sharesCaption")} columns={[t("group.member"), t("group.persons"), t("group.amount")]} className="table mt-3">
                {booking.shares.map((s, i) => (
                  <tr key={i}>
                    <th scope="row">
                      <MemberName label={s.label} isMe={s.isMe} />
                    </th>
                    <td>{t("plural.persons", { count: s.persons })}</td>
                    <td>
                      <Money cents={s.amountCents} />
                    </td>
                  </tr>
                ))}
              </DataTable>
              {booking.myAmountCents !== null ? (
                <p className="d-flex flex-wrap gap-2">
                  <Link to={`/bookings/${booking.id}`} className="btn btn-outline-primary">
                    {t("group.openBooking")}
                  </Link>
                  {booking.status === "accepted" && booking.paymentMode === "online" ? (
                    <Link to={`/bookings/${booking.id}/pay`} className="btn btn-primary">
                      {t("group.payShare")}
                    </Link>
                  ) : null}
                </p>
              ) : null}
            </LabelledSection>
          ) : null}
        </div>

        <aside className="col-12 col-lg-5" aria-label={t("group.asideLabel")}>
          <LabelledSection headingId="terms-heading" heading={t("group.termsHeading")}>
            <dl className="vc-facts">
              <dt>{t("group.when")}</dt>
              <dd>
                <SlotsText slots={group.schedule} />
              </dd>
              <dt>{t("group.where")}</dt>
              <dd>{t(group.sameCondominium ? "group.whereCondominium" : "group.whereHome", { quartiere: group.quartiereName })}</dd>
              <dt>{t("group.groupPrice")}</dt>
              <dd>
                <Money cents={group.hourlyTotalCents} perHour />
              </dd>
              <dt>{t("group.alonePrice")}</dt>
              <dd>
                <Money cents={group.individualHourlyCents} perHour />
              </dd>
              <dt>{t("group.minSize")}</dt>
              <dd>{t("plural.families", { count: group.minSize })}</dd>
            </dl>
          </LabelledSection>

          {actions.leave ? (
            <LabelledSection headingId="leave-heading" heading={t("group.leaveHeading")}>
              <p>
                {group.status === "formed"
                  ? t("group.leaveNow")
                  : t("group.leaveNotice", { date: formatDay(actions.leave.leavesOn, locale), days: 14 })}
              </p>
              {actions.leave.dissolves ? (
                <p className="fw-semibold">{t(booking ? "group.leaveDissolvesBooking" : "group.leaveDissolves")}</p>
              ) : (
                <>
                  <p>{t("group.leaveNewSplit")}</p>
                  <ul data-testid="leave-preview">
                    {actions.leave.newShares.map((s, i) => (
                      <li key={i}>
                        <MemberName label={s.label} />: <Money cents={s.hourlyCents} perHour />
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <p className="vc-hint">{t("group.leaveNeedClosed")}</p>
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="intent" value="leave" />
                <button type="submit" className="btn btn-outline-danger" disabled={busy}>
                  {t("group.leave")}
                </button>
              </Form>
            </LabelledSection>
          ) : null}

          {me.leavesOn && group.status !== "dissolved" ? <p className="alert alert-info">{t("group.youLeaveOn", { date: formatDay(me.leavesOn, locale) })}</p> : null}

          <LabelledSection headingId="history-heading" heading={t("group.historyHeading")}>
            <ol className="mb-0">
              {page.history.map((h, i) => (
                <li key={i}>
                  {t(`history.${h.action}`, { defaultValue: h.action })}
                  {h.byMe ? ` (${t("history.byYou")})` : ""} — <time dateTime={h.at}>{formatDate(h.at, locale)}</time>
                </li>
              ))}
            </ol>
          </LabelledSection>
        </aside>
      </div>
    </div>
  );
}

export { SharingErrorBoundary as ErrorBoundary };
