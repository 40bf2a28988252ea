import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BookingActions, type ActionFeedback } from "~/components/bookings/BookingActions";
import { BookingErrorBoundary, bookingMeta } from "~/components/bookings/BookingErrorBoundary";
import { BookingHistory } from "~/components/bookings/BookingHistory";
import { NextSessions, PriceLine, ScheduleText } from "~/components/bookings/BookingTerms";
import { StatusBadge } from "~/components/bookings/StatusBadge";
import { LabelledSection } from "~/components/LabelledSection";
import { performBookingAction } from "~/domain/bookings/booking-action-form.server";
import { getBookingDetail } from "~/domain/bookings/booking-detail.server";
import { bookingErrorCodes, type BookingErrorCode } from "~/domain/bookings/booking-errors";
import { romeLocal } from "~/domain/bookings/schedule";
import { i18nServer } from "~/i18n/i18next.server";
import bookingStyles from "~/styles/bookings.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "booking"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: bookingStyles }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const booking = await forbiddenOnAuthorisationError(() => getBookingDetail(context.db, user, params.id ?? ""));
  if (!booking) throw new Response(null, { status: 404 });
  const t = await i18nServer.getFixedT(request, ["booking", "common"]);
  const category = t(`common:categories.${booking.categorySlug}.name`, { defaultValue: booking.categorySlug });
  const other = booking.party === "family" ? booking.provider.displayName : (booking.familyName ?? t("booking:aFamily"));
  return { booking, today: romeLocal(new Date()).date, title: t("booking:detail.title", { category, name: other }) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => bookingMeta(matches, error, data?.title);

type ActionData = ActionFeedback & { refusal?: BookingErrorCode };

export async function action({ params, request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const outcome = await forbiddenOnAuthorisationError(() => performBookingAction(context.db, user, params.id ?? "", formData));
  switch (outcome.kind) {
    case "not_found":
      throw new Response(null, { status: 404 });
    case "done":
      return redirect(`/bookings/${params.id}?done=${outcome.intent}`, 303);
    case "invalid":
      return data<ActionData>({ intent: outcome.intent, errors: outcome.errors, conflicts: outcome.conflicts, values: outcome.values }, { status: 400 });
    case "refused":
      return data<ActionData>({ intent: outcome.intent, refusal: outcome.code }, { status: 409 });
  }
}

export default function BookingPage() {
  const { booking, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const [searchParams] = useSearchParams();
  const { t } = useTranslation(["booking", "common"]);
  const done = actionData ? null : searchParams.get("done");
  const familyName = booking.familyName ?? t("booking:aFamily");
  const otherName = booking.party === "family" ? booking.provider.displayName : familyName;
  const category = t(`common:categories.${booking.categorySlug}.name`, { defaultValue: booking.categorySlug });
  const refusal = actionData?.refusal && (bookingErrorCodes as readonly string[]).includes(actionData.refusal) ? actionData.refusal : null;

  return (
    <div className="container py-4">
      <p>
        <Link to="/bookings">{t("booking:detail.back")}</Link>
      </p>
      {done ? (
        <div className="vc-notice" role="status">
          <p className="mb-0 fw-semibold">{t(`booking:done.${done}`, { defaultValue: t("booking:done.saved") })}</p>
        </div>
      ) : null}
      {refusal ? (
        <div className="alert alert-warning" role="alert">
          <p className="mb-0">{t(`booking:refusals.${refusal}`)}</p>
        </div>
      ) : null}

      <header className="mb-4">
        <p className="text-muted-strong mb-1">{t(booking.party === "family" ? "booking:detail.youAsked" : "booking:detail.youWereAsked")}</p>
        <h1 className="mb-2">{t("booking:detail.title", { category, name: otherName })}</h1>
        <StatusBadge status={booking.status} />
        <p className="mt-2 mb-0">{t(`booking:detail.statusExplained.${booking.party}.${booking.status}`)}</p>
      </header>

      <div className="row g-4">
        <div className="col-12 col-lg-7">
          <LabelledSection headingId="terms-heading" heading={t("booking:terms.heading")}>
            <dl className="vc-booking-facts">
              <dt>{t("booking:terms.service")}</dt>
              <dd>{category}</dd>
              <dt>{t(booking.party === "family" ? "booking:terms.provider" : "booking:terms.family")}</dt>
              <dd>{booking.party === "family" ? <Link to={`/providers/${booking.provider.id}`}>{otherName}</Link> : otherName}</dd>
              <dt>{t("booking:terms.when")}</dt>
              <dd>
                <ScheduleText pattern={booking.pattern} />
              </dd>
              <dt>{t("booking:terms.price")}</dt>
              <dd>
                <PriceLine price={booking.price} currency={booking.currency} />
              </dd>
              {booking.paymentMode ? (
                <>
                  <dt>{t("booking:terms.payment")}</dt>
                  <dd>{t(`booking:terms.paymentMode.${booking.paymentMode}`)}</dd>
                </>
              ) : null}
              <dt>{t("booking:terms.where")}</dt>
              <dd>
                {booking.ownAddress ?? booking.contact?.address ?? t("booking:terms.quartiereOnly", { quartiere: booking.quartiereName ?? "—" })}
                {booking.ownAddress && booking.quartiereName ? ` (${booking.quartiereName})` : null}
              </dd>
              {booking.careNotes ? (
                <>
                  <dt>{t("booking:terms.careNotes")}</dt>
                  <dd className="vc-prewrap">{booking.careNotes}</dd>
                </>
              ) : null}
            </dl>
          </LabelledSection>

          <LabelledSection headingId="sessions-heading" heading={t("booking:terms.nextSessions")}>
            <NextSessions sessions={booking.nextSessions} />
          </LabelledSection>

          <LabelledSection headingId="contact-heading" heading={t("booking:contact.heading", { name: otherName })}>
            {booking.contact ? (
              <dl className="vc-booking-facts">
                {booking.contact.address ? (
                  <>
                    <dt>{t("booking:contact.address")}</dt>
                    <dd>{booking.contact.address}</dd>
                  </>
                ) : null}
                {booking.contact.phone ? (
                  <>
                    <dt>{t("booking:contact.phone")}</dt>
                    <dd>
                      <a href={`tel:${booking.contact.phone.replace(/[^+0-9]/g, "")}`}>{booking.contact.phone}</a>
                    </dd>
                  </>
                ) : null}
                <dt>{t("booking:contact.email")}</dt>
                <dd>
                  {booking.contact.emails.map((email, i) => (
                    <span key={email}>
                      {i > 0 ? ", " : null}
                      <a href={`mailto:${email}`}>{email}</a>
                    </span>
                  ))}
                </dd>
              </dl>
            ) : (
              <p className="mb-0">{t("booking:contact.hidden", { quartiere: booking.quartiereName ?? "—" })}</p>
            )}
          </LabelledSection>

          <LabelledSection headingId="history-heading" heading={t("booking:history.heading")}>
            <BookingHistory history={booking.history} names={{ family: familyName, provider: booking.provider.displayName }} />
          </LabelledSection>
        </div>

        <aside className="col-12 col-lg-5" aria-labelledby="actions-heading">
          <h2 id="actions-heading" className="h3">
            {t("booking:actions.heading")}
          </h2>
          <p>
            <Link to={`/bookings/${booking.id}/messages`}>{t("booking:detail.messages", { name: otherName })}</Link>
          </p>
          <BookingActions booking={booking} feedback={actionData} today={today} />
        </aside>
      </div>
    </div>
  );
}

export { BookingErrorBoundary as ErrorBoundary };
