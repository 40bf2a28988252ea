import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { DataTable } from "~/components/DataTable";
import { FieldError, errorAttributes } from "~/components/FieldError";
import { LabelledSection } from "~/components/LabelledSection";
import { PlacesBadge } from "~/components/hubs/EventSignup";
import { HubOperatorErrorBoundary } from "~/components/hubs/HubErrorBoundaries";
import { HubEventForm } from "~/components/hubs/HubEventForm";
import { HubFormErrors } from "~/components/hubs/HubFields";
import hubStyles from "~/components/hubs/hubs.css";
import { operatorMeta } from "~/components/OperatorErrorBoundary";
import { requireManagedHub } from "~/domain/territory/hubs/hub-access.server";
import { getHubEventForOperator } from "~/domain/territory/hubs/hub-admin.server";
import { cancelHubEvent, updateHubEvent } from "~/domain/territory/hubs/hub-events.server";
import { formatEventRange, formatMoment } from "~/domain/territory/hubs/hub-format";
import { hubHttpErrors } from "~/domain/territory/hubs/hub-http.server";
import { eventFormIntents, eventValuesFromForm, formIntent, parseEventForm, type EventValues, type FieldErrors } from "~/domain/territory/hubs/hub-schemas";
import { romeDateAndTime, romeWallClock } from "~/domain/territory/hubs/rome-time";
import { i18nServer } from "~/i18n/i18next.server";
import operatorStyles from "~/styles/operator.css";
import { requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "operator", "hub"] };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: operatorStyles },
  { rel: "stylesheet", href: hubStyles },
];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const now = new Date();
  const page = await hubHttpErrors(() => getHubEventForOperator(context.db, user, params.id ?? "", params.eventId ?? "", { now }));
  const t = await i18nServer.getFixedT(request, "hub");
  return { page, today: romeWallClock(now).date, title: t("operator.event.title", { title: page.event.title }) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => operatorMeta(matches, error, data?.title);

type ActionData = { form: "update" | "cancel" | null; errors: FieldErrors; values?: EventValues };

export async function action({ params, request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const hubId = params.id ?? "";
  const eventId = params.eventId ?? "";
  // Who may act is settled before the form is even read.
  await hubHttpErrors(() => requireManagedHub(context.db, user, hubId, eventId));
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const intent = formIntent(formData, eventFormIntents);

  if (intent === "update") {
    const values = eventValuesFromForm(formData);
    const parsed = parseEventForm(values);
    if (parsed.errors) return data<ActionData>({ form: "update", errors: parsed.errors, values }, { status: 400 });
    const result = await hubHttpErrors(() => updateHubEvent(context.db, user, { hubId, eventId, event: parsed.data }));
    if (!result.ok) return data<ActionData>({ form: "update", errors: result.errors, values }, { status: result.errors._form ? 409 : 400 });
    return redirect(`/operator/hubs/${hubId}/events/${eventId}?saved=1`, 303);
  }
  if (intent === "cancel") {
    if (formData.get("confirm") !== "yes") return data<ActionData>({ form: "cancel", errors: { confirm: "errors.confirmCancel" } }, { status: 400 });
    const result = await hubHttpErrors(() => cancelHubEvent(context.db, user, { hubId, eventId }));
    if (!result.ok) return data<ActionData>({ form: "cancel", errors: result.errors }, { status: 409 });
    return redirect(`/operator/hubs/${hubId}?saved=eventCancelled&notified=${result.notified}#events-heading`, 303);
  }
  return data<ActionData>({ form: null, errors: { _form: "errors.invalid" } }, { status: 400 });
}

export default function OperatorHubEvent() {
  const { page, today, title } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t, i18n } = useTranslation(["hub", "operator"]);
  const locale = i18n.language;
  const [searchParams] = useSearchParams();
  const { key: formKey } = useLocation();
  const { hub, event, signups } = page;
  const start = romeDateAndTime(new Date(event.startsAt));
  const end = romeDateAndTime(new Date(event.endsAt));
  const saved: EventValues = {
    title: event.title,
    description: event.description,
    date: start.date,
    startTime: start.time,
    endTime: end.time,
    capacity: String(event.capacity),
  };
  const cancelErrors = actionData?.form === "cancel" ? actionData.errors : undefined;

  return (
    <div className="container py-4">
      <p>
        <Link to={`/operator/hubs/${hub.id}`}>{t("operator.event.backToHub", { hub: hub.name })}</Link>
      </p>

      {searchParams.get("saved") ? (
        <div className="vc-op-notice mb-4" role="status">
          <p className="mb-0 fw-semibold">{t("operator.saved.eventUpdated")}</p>
        </div>
      ) : null}
      {actionData?.form === null ? <HubFormErrors errors={actionData.errors} /> : null}

      <header className="mb-4">
        <p className="text-muted-strong mb-1">{hub.name}</p>
        <h1 className="mb-2">{title}</h1>
        <p className="vc-hub-event-when mb-2">{formatEventRange(event.startsAt, event.endsAt, locale)}</p>
        <PlacesBadge event={event} />
        <p className="mt-2 mb-0">
          <Link to={`/hubs/${hub.id}/events/${event.id}`}>{t("operator.event.viewPublic")}</Link>
        </p>
      </header>

      <LabelledSection headingId="signups-heading" heading={t("operator.event.signupsHeading", { count: signups.length })} className="mb-5">
        {signups.length === 0 ? (
          <p>{t("operator.event.signupsNone")}</p>
        ) : (
          <DataTable
            caption={t("operator.event.signupsCaption")}
            columns={[t("operator.event.columns.name"), t("operator.event.columns.email"), t("operator.event.columns.signedUpAt")]}
          >
            {signups.map((person) => (
              <tr key={person.email}>
                <th scope="row" className="fw-normal">
                  {person.name}
                </th>
                <td>
                  <a href={`mailto:${person.email}`}>{person.email}</a>
                </td>
                <td>{formatMoment(person.signedUpAt, locale)}</td>
              </tr>
            ))}
          </DataTable>
        )}
        <p className="vc-hint">{t("operator.event.signupsPrivacy")}</p>
      </LabelledSection>

      {event.upcoming ? (
        <>
          <LabelledSection headingId="edit-heading" heading={t("operator.event.editHeading")} className="mb-5">
            <HubEventForm
              key={`edit-${formKey}`}
              intent="update"
              values={actionData?.form === "update" && actionData.values ? actionData.values : saved}
              errors={actionData?.form === "update" ? actionData.errors : undefined}
              submitLabel={t("operator.event.save")}
              minDate={today}
            />
          </LabelledSection>

          <LabelledSection headingId="cancel-heading" heading={t("operator.event.cancelHeading")} className="mb-5">
            <p>{t("operator.event.cancelLead")}</p>
            <Form method="post" noValidate className="vc-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="cancel" />
              <HubFormErrors errors={cancelErrors} />
              <div className="form-check mb-3">
                <input id="confirm-cancel" type="checkbox" name="confirm" value="yes" {...errorAttributes("confirm-cancel", cancelErrors?.confirm)} />
                <label htmlFor="confirm-cancel" className="vc-check-label">
                  {t("operator.event.confirmCancel")}
                </label>
                <FieldError field="confirm-cancel" messageKey={cancelErrors?.confirm} ns="hub" />
              </div>
              <button type="submit" className="btn btn-danger">
                {t("operator.event.cancel")}
              </button>
            </Form>
          </LabelledSection>
        </>
      ) : (
        <p className="alert alert-info">{t("operator.event.started")}</p>
      )}
    </div>
  );
}

export { HubOperatorErrorBoundary as ErrorBoundary };
