import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/components/bookings/format-time";
import { LabelledSection } from "~/components/LabelledSection";
import { MessageList } from "~/components/messaging/MessageList";
import { OperatorErrorBoundary, operatorMeta } from "~/components/OperatorErrorBoundary";
import { unmaskedParts } from "~/domain/messaging/mask-contact-details";
import { readReportedThread } from "~/domain/messaging/read-reported-thread.server";
import { i18nServer } from "~/i18n/i18next.server";
import conversationStyles from "~/styles/conversations.css";
import operatorStyles from "~/styles/operator.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";

export const handle = { i18n: ["common", "operator", "booking", "message"] };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: operatorStyles },
  { rel: "stylesheet", href: conversationStyles },
];

/** Read-only: opening it is audit-logged in the domain function (thread.read). */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const thread = await forbiddenOnAuthorisationError(() => readReportedThread(context.db, user, params.id ?? ""));
  if (!thread) throw new Response(null, { status: 404 });
  const t = await i18nServer.getFixedT(request, "message");
  return { thread, title: t("operator.thread.title", { name: thread.providerName }) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => operatorMeta(matches, error, data?.title);

export default function ReportedThreadPage() {
  const { thread, title } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["message", "booking", "common"]);
  const locale = i18n.language;
  const familyName = thread.familyName ?? t("message:thread.aFamily");
  const category = t(`common:categories.${thread.categorySlug}.name`, { defaultValue: thread.categorySlug });
  return (
    <div className="container py-4">
      <p>
        <Link to="/operator/reports">{t("message:operator.thread.back")}</Link>
      </p>
      <h1 className="mb-2">{title}</h1>
      <div className="vc-msg-info">
        <p>{t("message:operator.thread.auditNotice")}</p>
      </div>

      <LabelledSection headingId="report-heading" heading={t("message:operator.thread.reportHeading")}>
        <dl className="vc-facts">
          <div>
            <dt>{t("message:operator.thread.reportedAt")}</dt>
            <dd>{formatDateTime(thread.report.at, locale)}</dd>
          </div>
          <div>
            <dt>{t("message:operator.thread.reportedBy")}</dt>
            <dd>{thread.report.bySide ? t(`message:operator.sides.${thread.report.bySide}`) : "—"}</dd>
          </div>
          <div>
            <dt>{t("message:operator.thread.booking")}</dt>
            <dd>
              {t("message:operator.thread.bookingFacts", { category, family: familyName, provider: thread.providerName })}
              {" · "}
              {t(`booking:status.${thread.status}`, { defaultValue: thread.status })}
            </dd>
          </div>
        </dl>
        <p className="fw-semibold mb-1">{t("message:operator.thread.reason")}</p>
        <p className="vc-report-reason" dir="auto">
          {thread.report.reason}
        </p>
        <p>
          <Link to={`/operator/providers/${thread.providerId}`}>{t("message:operator.thread.providerLink", { name: thread.providerName })}</Link>
        </p>
      </LabelledSection>

      <LabelledSection headingId="messages-heading" heading={t("message:thread.messagesHeading")} className={null}>
        {thread.olderNotShown > 0 ? <p className="vc-hint">{t("message:thread.olderNotShown", { count: thread.olderNotShown })}</p> : null}
        <MessageList
          label={t("message:thread.messagesHeading")}
          locale={locale}
          empty={t("message:thread.empty")}
          messages={thread.messages.map((m) => ({
            id: m.id,
            sender: m.side === "family" ? familyName : thread.providerName,
            own: m.side === "provider",
            parts: unmaskedParts(m.body).parts,
            at: m.at,
          }))}
        />
      </LabelledSection>
    </div>
  );
}

export { OperatorErrorBoundary as ErrorBoundary };
