import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/DataTable";
import { LabelledSection } from "~/components/LabelledSection";
import { AreaSummary } from "~/components/hubs/AreaSummary";
import { HubDetailsForm } from "~/components/hubs/HubDetailsForm";
import { HubEventForm } from "~/components/hubs/HubEventForm";
import { HubOperatorErrorBoundary } from "~/components/hubs/HubErrorBoundaries";
import hubStyles from "~/components/hubs/hubs.css";
import { OpeningHoursForm } from "~/components/hubs/OpeningHoursForm";
import { OpenStatus } from "~/components/hubs/OpenStatus";
import { operatorMeta } from "~/components/OperatorErrorBoundary";
import type { HubEventView } from "~/domain/territory/hubs/hubs.server";
import { isAdmin, requireManagedHub } from "~/domain/territory/hubs/hub-access.server";
import { createHubEvent, type EventWriteResult } from "~/domain/territory/hubs/hub-events.server";
import { getHubForOperator, updateHubDetails, updateHubOpeningHours } from "~/domain/territory/hubs/hub-admin.server";
import { formatEventRangeShort } from "~/domain/territory/hubs/hub-format";
import { hubHttpErrors } from "~/domain/territory/hubs/hub-http.server";
import {
  eventValuesFromForm,
  formIntent,
  hoursValuesFromForm,
  hubDetailsValuesFromForm,
  hubFormIntents,
  parseEventForm,
  parseHubDetails,
  parseOpeningHoursForm,
  type EventValues,
  type FieldErrors,
  type HoursValues,
  type HubDetailsValues,
  type HubFormIntent,
} from "~/domain/territory/hubs/hub-schemas";
import { romeWallClock } from "~/domain/territory/hubs/rome-time";
import { formatList } from "~/i18n/format";
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
  const page = await hubHttpErrors(() => getHubForOperator(context.db, user, params.id ?? "", { now }));
  const t = await i18nServer.getFixedT(request, "hub");
  return { page, today: romeWallClock(now).date, title: t("operator.hub.title", { name: page.hub.name }) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => operatorMeta(matches, error, data?.title);

type ActionData =
  | { form: "details"; errors: FieldErrors; values: HubDetailsValues }
  | { form: "hours"; errors: FieldErrors; values: HoursValues }
  | { form: "createEvent"; errors: FieldErrors; values: EventValues }
  | { form: null; errors: FieldErrors };

const savedNotices = ["created", "details", "hours", "eventCreated", "eventCancelled"] as const;

export async function action({ params, request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const hubId = params.id ?? "";
  // Who may act is settled before the form is even read.
  await hubHttpErrors(() => requireManagedHub(context.db, user, hubId));
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const intent: HubFormIntent | null = formIntent(formData, hubFormIntents);
  const saved = (notice: (typeof savedNotices)[number], hash = "") => redirect(`/operator/hubs/${hubId}?saved=${notice}${hash}`, 303);

  if (intent === "details") {
    const values = hubDetailsValuesFromForm(formData);
    const parsed = parseHubDetails(values, { withCoverage: isAdmin(user) });
    if (parsed.errors) return data<ActionData>({ form: "details", errors: parsed.errors, values }, { status: 400 });
    const result = await hubHttpErrors(() => updateHubDetails(context.db, user, hubId, parsed.data));
    if (!result.ok) return data<ActionData>({ form: "details", errors: result.errors, values }, { status: 400 });
    return saved("details", "#details-heading");
  }
  if (intent === "hours") {
    const values = hoursValuesFromForm(formData);
    const parsed = parseOpeningHoursForm(values);
    if (parsed.errors) return data<ActionData>({ form: "hours", errors: parsed.errors, values }, { status: 400 });
    const result = await hubHttpErrors(() => updateHubOpeningHours(context.db, user, hubId, parsed.data));
    if (!result.ok) return data<ActionData>({ form: "hours", errors: { _form: "errors.invalid" }, values }, { status: 400 });
    return saved("hours", "#hours-heading");
  }
  if (intent === "createEvent") {
    const values = eventValuesFromForm(formData);
    const parsed = parseEventForm(values);
    if (parsed.errors) return data<ActionData>({ form: "createEvent", errors: parsed.errors, values }, { status: 400 });
    const result: EventWriteResult = await hubHttpErrors(() => createHubEvent(context.db, user, { hubId, event: parsed.data }));
    if (!result.ok) return data<ActionData>({ form: "createEvent", errors: result.errors, values }, { status: 400 });
    return saved("eventCreated", "#events-heading");
  }
  return data<ActionData>({ form: null, errors: { _form: "errors.invalid" } }, { status: 400 });
}

const emptyEvent: EventValues = { title: "", description: "", date: "", startTime: "", endTime: "", capacity: "" };

export default function OperatorHub() {
  const { page, today, title } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t, i18n } = useTranslation(["hub", "operator"]);
  const locale = i18n.language;
  const [searchParams] = useSearchParams();
  const { key: formKey } = useLocation();
  const { hub, upcoming, past, area } = page;
  const saved = savedNotices.find((s) => s === searchParams.get("saved"));
  const notified = Number(searchParams.get("notified") ?? "0");

  const detailsValues: HubDetailsValues =
    actionData?.form === "details"
      ? actionData.values
      : { name: hub.name, address: hub.address, lat: String(hub.lat), lng: String(hub.lng), quartieri: hub.quartieri.map((q) => String(q.id)) };

  const eventsTable = (events: HubEventView[], caption: string) => (
    <DataTable
      caption={caption}
      columns={[t("operator.events.columns.title"), t("operator.events.columns.when"), { label: t("operator.events.columns.signups"), className: "text-end" }]}
    >
      {events.map((event) => (
        <tr key={event.id}>
          <th scope="row">
            <Link to={`/operator/hubs/${hub.id}/events/${event.id}`}>{event.title}</Link>
          </th>
          <td>{formatEventRangeShort(event.startsAt, event.endsAt, locale)}</td>
          <td className="text-end">{t("operator.events.signupsOf", { count: event.signups, capacity: event.capacity })}</td>
        </tr>
      ))}
    </DataTable>
  );

  return (
    <div className="container py-4">
      <p>
        <Link to="/operator/hubs">{t("operator.list.backToList")}</Link>
      </p>

      {saved ? (
        <div className="vc-op-notice mb-4" role="status">
          <p className="mb-0 fw-semibold">{saved === "eventCancelled" ? t("operator.saved.eventCancelled", { count: notified }) : t(`operator.saved.${saved}`)}</p>
        </div>
      ) : null}

      <header className="mb-4">
        <h1 className="mb-2">{title}</h1>
        <p className="mb-1">
          {hub.address} · {formatList(hub.quartieri.map((q) => q.name), locale)}
        </p>
        <OpenStatus status={hub.status} />
        <p className="mt-2 mb-0">
          <Link to={`/hubs/${hub.id}`}>{t("operator.hub.viewPublic")}</Link>
        </p>
      </header>

      <LabelledSection headingId="area-heading" heading={t("operator.area.heading")} className="mb-5">
        <p>{t("operator.area.lead")}</p>
        <AreaSummary area={area} />
      </LabelledSection>

      <LabelledSection headingId="events-heading" heading={t("operator.events.heading")} className="mb-5">
        {upcoming.length === 0 ? <p>{t("operator.events.none")}</p> : eventsTable(upcoming, t("operator.events.caption"))}
        <h3 className="h4 mt-4">{t("operator.events.newHeading")}</h3>
        <HubEventForm
          key={`event-${formKey}`}
          intent="createEvent"
          values={actionData?.form === "createEvent" ? actionData.values : emptyEvent}
          errors={actionData?.form === "createEvent" ? actionData.errors : undefined}
          submitLabel={t("operator.events.create")}
          minDate={today}
        />
        {past.length > 0 ? (
          <>
            <h3 className="h4 mt-5">{t("operator.events.pastHeading")}</h3>
            {eventsTable(past, t("operator.events.pastCaption"))}
          </>
        ) : null}
      </LabelledSection>

      <LabelledSection headingId="hours-heading" heading={t("hours.heading")} className="mb-5">
        <OpeningHoursForm
          key={`hours-${formKey}`}
          hours={hub.openingHours}
          values={actionData?.form === "hours" ? actionData.values : undefined}
          errors={actionData?.form === "hours" ? actionData.errors : undefined}
        />
      </LabelledSection>

      <LabelledSection headingId="details-heading" heading={t("operator.details.heading")} className="mb-5">
        <HubDetailsForm
          key={`details-${formKey}`}
          intent="details"
          idPrefix="hub"
          values={detailsValues}
          errors={actionData?.form === "details" ? actionData.errors : actionData?.form === null ? actionData.errors : undefined}
          coverage={page.isAdmin ? { quartieri: page.quartieri, municipi: page.municipi } : undefined}
          submitLabel={t("operator.details.save")}
        />
        {!page.isAdmin ? <p className="vc-hint mt-2">{t("operator.details.coverageByAdmin")}</p> : null}
      </LabelledSection>
    </div>
  );
}

export { HubOperatorErrorBoundary as ErrorBoundary };
