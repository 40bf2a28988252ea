import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { BookingErrorBoundary, bookingMeta } from "~/components/bookings/BookingErrorBoundary";
import { CsrfInput } from "~/components/CsrfInput";
import { TextAreaField } from "~/components/TextAreaField";
import { LabelledSection } from "~/components/LabelledSection";
import { MessageList } from "~/components/messaging/MessageList";
import { formatDate } from "~/i18n/format";
import { MAX_MESSAGE_LENGTH, MAX_REPORT_REASON_LENGTH, type MessageFieldErrors } from "~/domain/messaging/message-forms";
import { isMessagingError, type MessagingErrorCode } from "~/domain/messaging/messaging-errors";
import { reportThread } from "~/domain/messaging/report-thread.server";
import { sendMessage } from "~/domain/messaging/send-message.server";
import { loadThreadForParty } from "~/domain/messaging/thread-access.server";
import { viewThread } from "~/domain/messaging/view-thread.server";
import { i18nServer } from "~/i18n/i18next.server";
import conversationStyles from "~/styles/conversations.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "booking", "message"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: conversationStyles }];

/** How often an open conversation looks for new messages (only while the tab is visible). */
const REFRESH_MS = 20_000;

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const thread = await forbiddenOnAuthorisationError(() => viewThread(context.db, user, params.id ?? ""));
  if (!thread) throw new Response(null, { status: 404 });
  const t = await i18nServer.getFixedT(request, "message");
  const other = thread.party === "family" ? thread.providerName : (thread.familyName ?? t("thread.aFamily"));
  return { thread, title: t("thread.title", { name: other }) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => bookingMeta(matches, error, data?.title);

type ActionData = {
  intent: "send" | "report" | null;
  errors: MessageFieldErrors;
  refusal?: MessagingErrorCode;
  retryAfterMinutes?: number | null;
  values?: { body?: string; reason?: string };
};

export async function action({ params, request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const bookingId = params.id ?? "";
  // Only the two parties may write or report; everyone else is refused before the form is read.
  const access = await forbiddenOnAuthorisationError(() => loadThreadForParty(context.db, user, bookingId));
  if (!access) throw new Response(null, { status: 404 });
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const intent = formData.get("intent");
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };

  try {
    if (intent === "send") {
      const result = await forbiddenOnAuthorisationError(() => sendMessage(context.db, user, { bookingId, body: text("body") }));
      if (!result) throw new Response(null, { status: 404 });
      if (!result.ok) return data<ActionData>({ intent, errors: result.errors, values: { body: text("body") } }, { status: 400 });
      return redirect(`/bookings/${bookingId}/messages?sent=1#latest`, 303);
    }
    if (intent === "report") {
      const result = await forbiddenOnAuthorisationError(() => reportThread(context.db, user, { bookingId, reason: text("reason") }));
      if (!result) throw new Response(null, { status: 404 });
      if (!result.ok) return data<ActionData>({ intent, errors: result.errors, values: { reason: text("reason") } }, { status: 400 });
      return redirect(`/bookings/${bookingId}/messages?reported=1`, 303);
    }
  } catch (error) {
    if (!isMessagingError(error)) throw error;
    const status = error.code === "rate_limited" ? 429 : 409;
    return data<ActionData>(
      { intent: intent === "report" ? "report" : "send", errors: {}, refusal: error.code, retryAfterMinutes: error.retryAfterMinutes, values: { body: text("body"), reason: text("reason") } },
      { status },
    );
  }
  return data<ActionData>({ intent: null, errors: { _form: "errors.unknownAction" } }, { status: 400 });
}

export default function ConversationPage() {
  const { thread, title } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t, i18n } = useTranslation(["message", "booking"]);
  const locale = i18n.language;
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const sending = navigation.state === "submitting" && navigation.formData?.get("intent") === "send";
  const familyName = thread.familyName ?? t("message:thread.aFamily");
  const sideName = (side: "family" | "provider") => (side === "family" ? familyName : thread.providerName);

  // New messages arrive while the page is open: look again now and then, and say so politely.
  const revalidator = useRevalidator();
  const [announcement, setAnnouncement] = useState("");
  const seenFromOther = useRef(thread.messages.filter((m) => m.side !== thread.party).length);
  useEffect(() => {
    const fromOther = thread.messages.filter((m) => m.side !== thread.party).length;
    if (fromOther > seenFromOther.current) setAnnouncement(t("message:live.newMessages", { count: fromOther - seenFromOther.current }));
    seenFromOther.current = fromOther;
  }, [thread.messages, thread.party, t]);
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle" && navigation.state === "idle") revalidator.revalidate();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [revalidator, navigation.state]);

  const sent = !actionData && searchParams.get("sent") === "1";
  const reported = !actionData && searchParams.get("reported") === "1";
  const sendErrors = actionData?.intent === "send" ? actionData.errors : {};
  const reportErrors = actionData?.intent === "report" ? actionData.errors : {};
  const refusal = actionData?.refusal;
  // A new own message clears the box; a refused one keeps what was typed.
  const lastOwnId = [...thread.messages].reverse().find((m) => m.mine)?.id ?? "none";

  return (
    <div className="container py-4">
      <p>
        <Link to={`/bookings/${thread.bookingId}`}>{t("message:thread.back")}</Link>
      </p>
      <h1 className="mb-2">{title}</h1>
      <p className="lead">
        {t("message:thread.lead", { category: t(`common:categories.${thread.categorySlug}.name`, { defaultValue: thread.categorySlug }) })}
      </p>

      <div role="status" className="visually-hidden">
        {announcement}
      </div>
      {sent || reported ? (
        <div className="vc-msg-notice" role="status">
          <p className="fw-semibold">{sent ? t("message:live.sent") : t("message:report.done")}</p>
        </div>
      ) : null}
      {refusal ? (
        <div className="vc-msg-warning" role="alert">
          <p>{t(`message:refusals.${refusal}`, { count: actionData?.retryAfterMinutes ?? 10 })}</p>
        </div>
      ) : null}
      {actionData?.errors._form ? (
        <div className="vc-msg-warning" role="alert">
          <p>{t(`message:${actionData.errors._form}`)}</p>
        </div>
      ) : null}

      {thread.contactVisible ? (
        <p className="vc-hint mb-3">{t("message:thread.contactVisible")}</p>
      ) : (
        <div className="vc-msg-info">
          <p>{t("message:thread.maskedNotice")}</p>
        </div>
      )}

      <LabelledSection headingId="messages-heading" heading={t("message:thread.messagesHeading")}>
        {thread.olderNotShown > 0 ? <p className="vc-hint">{t("message:thread.olderNotShown", { count: thread.olderNotShown })}</p> : null}
        <MessageList
          label={t("message:thread.messagesHeading")}
          locale={locale}
          empty={t("message:thread.empty")}
          messages={thread.messages.map((m) => ({
            id: m.id,
            sender: m.mine ? t("message:thread.you") : sideName(m.side),
            own: m.side === thread.party,
            parts: m.parts,
            masked: m.masked,
            at: m.at,
          }))}
        />
      </LabelledSection>

      <LabelledSection headingId="write-heading" heading={t("message:form.heading")}>
        <Form method="post" className="vc-form vc-message-form" key={lastOwnId} noValidate>
          <CsrfInput />
          <input type="hidden" name="intent" value="send" />
          <TextAreaField
            id="message-body"
            name="body"
            label={t("message:form.label")}
            hint={t("message:form.hint", { max: MAX_MESSAGE_LENGTH })}
            error={sendErrors.body}
            ns="message"
            className="form-group mb-2"
            rows={5}
            maxLength={MAX_MESSAGE_LENGTH}
            defaultValue={actionData?.intent === "send" ? (actionData.values?.body ?? "") : ""}
          />
          <button type="submit" className="btn btn-primary" disabled={sending}>
            {sending ? t("message:form.sending") : t("message:form.submit")}
          </button>
        </Form>
      </LabelledSection>

      <LabelledSection headingId="report-heading" heading={t("message:report.heading")} className={null}>
        {thread.report ? (
          <p>
            {thread.report.byMe
              ? t("message:report.reportedByMe", { date: formatDate(thread.report.at, locale) })
              : t("message:report.reportedByOther", { date: formatDate(thread.report.at, locale) })}
          </p>
        ) : (
          <>
            <p>{t("message:report.intro")}</p>
            <Form method="post" className="vc-form" noValidate>
              <CsrfInput />
              <input type="hidden" name="intent" value="report" />
              <TextAreaField
                id="report-reason"
                name="reason"
                label={t("message:report.reason")}
                hint={t("message:report.reasonHint", { max: MAX_REPORT_REASON_LENGTH })}
                error={reportErrors.reason}
                ns="message"
                className="form-group mb-2"
                rows={3}
                maxLength={MAX_REPORT_REASON_LENGTH}
                defaultValue={actionData?.intent === "report" ? (actionData.values?.reason ?? "") : ""}
              />
              <button type="submit" className="btn btn-outline-primary">
                {t("message:report.submit")}
              </button>
            </Form>
          </>
        )}
      </LabelledSection>
    </div>
  );
}

export { BookingErrorBoundary as ErrorBoundary };
