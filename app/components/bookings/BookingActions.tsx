import { Form, Link } from "@remix-run/react";
import { isValidElement, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { FieldError, errorAttributes, hintId } from "~/components/FieldError";
import { TextAreaField } from "~/components/TextAreaField";
import { UnshownErrors } from "~/components/UnshownErrors";
import type { BookingDetail } from "~/domain/bookings/booking-detail.server";
import { counterOfferFields, type CounterOfferRaw } from "~/domain/bookings/booking-schemas";
import type { ScheduleConflict } from "~/domain/bookings/schedule";
import { minutesToTime, centsToEuroInput } from "~/domain/providers/onboarding-schemas";
import { formatMoney } from "~/i18n/format";
import { BookingErrorSummary } from "./BookingErrorSummary";
import { PriceLine, ScheduleText } from "./BookingTerms";
import { ScheduleFields } from "./ScheduleFields";
import { formatDateTime } from "./format-time";

/** What an action answered when it could not be done: field errors of its form, or nothing. */
export interface ActionFeedback {
  intent: string;
  errors?: Record<string, string>;
  conflicts?: ScheduleConflict[];
  values?: Record<string, unknown>;
}

function ActionCard({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="vc-action-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {children}
    </section>
  );
}

function IntentForm({ intent, children, className }: { intent: string; children: ReactNode; className?: string }) {
  return (
    <Form method="post" noValidate className={`vc-form ${className ?? ""}`}>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      {children}
    </Form>
  );
}

function PaymentModeChoice({ idPrefix, onlinePossible, value, error }: { idPrefix: string; onlinePossible: boolean; value?: string; error?: string }) {
  const { t } = useTranslation("booking");
  const chosen = value === "online" && onlinePossible ? "online" : value === "direct" ? "direct" : onlinePossible ? "online" : "direct";
  return (
    <fieldset className="vc-fieldset" id={`${idPrefix}paymentMode`}>
      <legend className="vc-legend">{t("actions.paymentLegend")}</legend>
      <FieldError field={`${idPrefix}paymentMode`} messageKey={error} ns="booking" />
      {(["online", "direct"] as const).map((mode) => (
        <div className="form-check" key={mode}>
          <input
            id={`${idPrefix}paymentMode-${mode}`}
            type="radio"
            name="paymentMode"
            value={mode}
            defaultChecked={chosen === mode}
            disabled={mode === "online" && !onlinePossible}
            aria-describedby={`${idPrefix}paymentMode-${mode}-hint`}
          />
          <label htmlFor={`${idPrefix}paymentMode-${mode}`} className="vc-check-label">
            {t(`actions.paymentMode.${mode}`)}
          </label>
          <p id={`${idPrefix}paymentMode-${mode}-hint`} className="vc-hint">
            {mode === "online" && !onlinePossible ? t("actions.paymentOnlineUnavailable") : t(`actions.paymentModeHint.${mode}`)}
          </p>
        </div>
      ))}
    </fieldset>
  );
}

function ReasonField({ id, label, hint, error, value, required }: { id: string; label: string; hint?: string; error?: string; value?: string; required?: boolean }) {
  return (
    <TextAreaField
      id={id}
      name="reason"
      label={label}
      hint={hint}
      hintBefore
      error={error}
      ns="booking"
      rows={2}
      maxLength={500}
      defaultValue={value ?? ""}
      aria-required={required || undefined}
    />
  );
}

/** Every action this side may take now, each as its own small form (they all work without JavaScript). */
export function BookingActions({ booking, feedback, today }: { booking: BookingDetail; feedback?: ActionFeedback; today: string }) {
  const { t, i18n } = useTranslation(["booking", "common"]);
  const locale = i18n.language;
  const a = booking.actions;
  const errorsOf = (intent: string) => (feedback?.intent === intent ? (feedback.errors ?? {}) : {});
  const valueOf = (intent: string, name: string) => (feedback?.intent === intent ? (feedback.values?.[name] as string | undefined) : undefined);
  const money = (cents: number) => formatMoney(cents, booking.currency, locale);
  const cards: ReactNode[] = [];

  if (a.accept) {
    cards.push(
      <ActionCard key="accept" id="accept" title={t("actions.accept.title")}>
        <p>{t("actions.accept.text")}</p>
        <IntentForm intent="accept">
          <PaymentModeChoice idPrefix="accept-" onlinePossible={a.accept.onlinePossible} value={valueOf("accept", "paymentMode")} error={errorsOf("accept").paymentMode} />
          <button type="submit" className="btn btn-primary">
            {t("actions.accept.submit")}
          </button>
        </IntentForm>
      </ActionCard>,
    );
  }
  if (a.decline) {
    cards.push(
      <ActionCard key="decline" id="decline" title={t("actions.decline.title")}>
        <IntentForm intent="decline">
          <ReasonField id="decline-reason" label={t("actions.decline.reason")} hint={t("actions.decline.hint")} error={errorsOf("decline").reason} value={valueOf("decline", "reason")} required />
          <button type="submit" className="btn btn-outline-primary">
            {t("actions.decline.submit")}
          </button>
        </IntentForm>
      </ActionCard>,
    );
  }
  if (a.counterOffer) {
    const errors = errorsOf("counterOffer");
    const typed = feedback?.intent === "counterOffer" ? (feedback.values as Partial<CounterOfferRaw> | undefined) : undefined;
    const p = booking.pattern;
    const values: Partial<CounterOfferRaw> = typed ?? {
      kind: booking.kind,
      date: p.firstDate,
      weekdays: p.weekdays.map(String),
      firstDate: p.firstDate,
      lastDate: p.lastDate,
      startTime: minutesToTime(p.startMinute),
      endTime: minutesToTime(p.endMinute),
      price: centsToEuroInput(booking.price.hourlyPriceCents),
      note: "",
    };
    cards.push(
      <ActionCard key="counterOffer" id="counter-offer" title={t("actions.counterOffer.title")}>
        <p>{t("actions.counterOffer.text")}</p>
        <IntentForm intent="counterOffer" className="vc-booking-form">
          <BookingErrorSummary errors={errors} order={counterOfferFields} conflicts={feedback?.intent === "counterOffer" ? feedback.conflicts : []} idPrefix="offer-" conflictsHeading={t("conflicts.headingOwn")} />
          <ScheduleFields values={values} errors={errors} today={today} idPrefix="offer-" legend={t("actions.counterOffer.whenLegend")} />
          <div className="form-group">
            <label htmlFor="offer-price">{t("actions.counterOffer.price")}</label>
            <p id={hintId("offer-price")} className="vc-hint">
              {t("actions.counterOffer.priceHint")}
            </p>
            <input
              id="offer-price"
              name="price"
              type="text"
              inputMode="decimal"
              className="form-control vc-price"
              defaultValue={values.price ?? ""}
              {...errorAttributes("offer-price", errors.price, [hintId("offer-price")])}
            />
            <FieldError field="offer-price" messageKey={errors.price} ns="booking" />
          </div>
          <PaymentModeChoice idPrefix="offer-" onlinePossible={a.counterOffer.onlinePossible} value={valueOf("counterOffer", "paymentMode")} error={errors.paymentMode} />
          <TextAreaField
            id="offer-note"
            name="note"
            label={t("actions.counterOffer.note")}
            error={errors.note}
            ns="booking"
            rows={2}
            maxLength={500}
            defaultValue={values.note ?? ""}
          />
          <button type="submit" className="btn btn-outline-primary">
            {t("actions.counterOffer.submit")}
          </button>
        </IntentForm>
      </ActionCard>,
    );
  }
  if (booking.openOffer && (a.acceptOffer || a.declineOffer)) {
    const offer = booking.openOffer;
    cards.push(
      <ActionCard key="offer" id="offer" title={t("actions.offer.title", { name: booking.provider.displayName })}>
        <dl className="vc-booking-facts mb-3">
          <dt>{t("terms.when")}</dt>
          <dd>
            <ScheduleText pattern={offer.pattern} />
          </dd>
          <dt>{t("terms.price")}</dt>
          <dd>
            <PriceLine price={offer.price} currency={booking.currency} />
          </dd>
          {booking.paymentMode ? (
            <>
              <dt>{t("terms.payment")}</dt>
              <dd>{t(`terms.paymentMode.${booking.paymentMode}`)}</dd>
            </>
          ) : null}
          {offer.note ? (
            <>
              <dt>{t("actions.offer.note")}</dt>
              <dd>{offer.note}</dd>
            </>
          ) : null}
        </dl>
        {a.acceptOffer ? (
          <IntentForm intent="acceptOffer">
            <input type="hidden" name="offerId" value={offer.id} />
            <button type="submit" className="btn btn-primary">
              {t("actions.offer.accept")}
            </button>
          </IntentForm>
        ) : null}
        {a.declineOffer ? (
          <IntentForm intent="declineOffer">
            <input type="hidden" name="offerId" value={offer.id} />
            <ReasonField id="decline-offer-reason" label={t("actions.offer.reason")} error={errorsOf("declineOffer").reason} value={valueOf("declineOffer", "reason")} />
            <button type="submit" className="btn btn-outline-primary">
              {t("actions.offer.decline")}
            </button>
          </IntentForm>
        ) : null}
      </ActionCard>,
    );
  }
  if (a.confirmDirect) {
    cards.push(
      <ActionCard key="confirm" id="confirm" title={t("actions.confirmDirect.title")}>
        <p>{t("actions.confirmDirect.text", { amount: money(booking.price.totalCents), name: booking.provider.displayName })}</p>
        <IntentForm intent="confirmDirect">
          <button type="submit" className="btn btn-primary">
            {t("actions.confirmDirect.submit")}
          </button>
        </IntentForm>
      </ActionCard>,
    );
  }
  if (a.pay) {
    cards.push(
      <ActionCard key="pay" id="pay" title={t("actions.pay.title")}>
        <p>{t("actions.pay.text", { amount: money(booking.price.totalCents) })}</p>
        <Link to={`/bookings/${booking.id}/pay`} className="btn btn-primary">
          {t("actions.pay.link")}
        </Link>
      </ActionCard>,
    );
  }
  if (a.start || a.complete || a.reportNoShow) {
    cards.push(
      <ActionCard key="progress" id="progress" title={t("actions.progress.title")}>
        {a.start ? (
          <IntentForm intent="start">
            <button type="submit" className="btn btn-primary">
              {t("actions.progress.start")}
            </button>
          </IntentForm>
        ) : null}
        {a.complete ? (
          <IntentForm intent="complete">
            <button type="submit" className="btn btn-primary">
              {t("actions.progress.complete")}
            </button>
          </IntentForm>
        ) : null}
        {a.reportNoShow ? (
          <IntentForm intent="reportNoShow">
            <ReasonField id="no-show-reason" label={t("actions.progress.noShowNote")} error={errorsOf("reportNoShow").reason} value={valueOf("reportNoShow", "reason")} />
            <button type="submit" className="btn btn-outline-primary">
              {t(booking.party === "family" ? "actions.progress.noShowFamily" : "actions.progress.noShowProvider")}
            </button>
          </IntentForm>
        ) : null}
      </ActionCard>,
    );
  }
  if (a.review) {
    cards.push(
      <ActionCard key="review" id="review" title={t("actions.review.title")}>
        <p>{t("actions.review.text", { name: booking.provider.displayName })}</p>
        <Link to={`/bookings/${booking.id}/review`} className="btn btn-primary">
          {t("actions.review.link")}
        </Link>
      </ActionCard>,
    );
  }
  if (a.cancel) {
    const c = a.cancel;
    const policy =
      c.rule === "late"
        ? t(booking.paymentMode === "online" ? "cancel.policy.lateOnline" : "cancel.policy.lateDirect", {
            count: c.owedSessions,
            owed: money(c.owedCents),
            refund: money(c.refundableCents),
          })
        : c.paidCents > 0
          ? t("cancel.policy.fullRefund", { refund: money(c.refundableCents) })
          : t(`cancel.policy.free.${c.rule}`);
    cards.push(
      <ActionCard key="cancel" id="cancel" title={t("cancel.title")}>
        <p className="mb-1">{t(booking.party === "family" ? "cancel.rulesFamily" : "cancel.rulesProvider")}</p>
        {c.freeUntil && booking.party === "family" && c.rule !== "late" && c.rule !== "not_agreed" ? (
          <p className="mb-1">{t("cancel.freeUntil", { when: formatDateTime(c.freeUntil, locale) })}</p>
        ) : null}
        <p className="vc-policy fw-semibold" id="cancel-outcome">
          {policy}
        </p>
        <IntentForm intent="cancel">
          <input type="hidden" name="expectedRefundCents" value={String(c.refundableCents)} />
          <ReasonField id="cancel-reason" label={t("cancel.reason")} hint={t("cancel.reasonHint")} error={errorsOf("cancel").reason} value={valueOf("cancel", "reason")} />
          <button type="submit" className="btn btn-outline-danger" aria-describedby="cancel-outcome">
            {t("cancel.submit")}
          </button>
        </IntentForm>
      </ActionCard>,
    );
  }

  // Errors the cards cannot show: an action this side may not take now (its card is gone), an
  // unknown intent, or a field the card has no input for.
  const card = feedback ? cardOfIntent[feedback.intent] : undefined;
  const cardShown = card !== undefined && cards.some((c) => isValidElement(c) && c.key === card.key);
  const unshown = Object.entries(feedback?.errors ?? {})
    .filter(([field, key]) => !(cardShown && (card!.fields === "all" || card!.fields.includes(field))) && key !== "errors.conflicts")
    .map(([, key]) => key);
  const alert = <UnshownErrors key="unshown" ns="booking" errors={unshown} />;
  if (cards.length === 0)
    return (
      <>
        {alert}
        <p>{t("actions.none")}</p>
      </>
    );
  return (
    <>
      {alert}
      {cards}
    </>
  );
}

/** Which card shows an intent's form, and which of its errors it shows next to a field. */
const cardOfIntent: Record<string, { key: string; fields: readonly string[] | "all" }> = {
  accept: { key: "accept", fields: ["paymentMode"] },
  decline: { key: "decline", fields: ["reason"] },
  counterOffer: { key: "counterOffer", fields: "all" },
  acceptOffer: { key: "offer", fields: [] },
  declineOffer: { key: "offer", fields: ["reason"] },
  confirmDirect: { key: "confirm", fields: [] },
  start: { key: "progress", fields: [] },
  complete: { key: "progress", fields: [] },
  reportNoShow: { key: "progress", fields: ["reason"] },
  cancel: { key: "cancel", fields: ["reason"] },
};
