import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, isRouteErrorResponse, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Icon } from "~/components/Icon";
import { LabelledSection } from "~/components/LabelledSection";
import type { SignupRefusal } from "~/components/hubs/EventSignup";
import { HubErrorBoundary } from "~/components/hubs/HubErrorBoundaries";
import { HubEventItem } from "~/components/hubs/HubEventItem";
import hubStyles from "~/components/hubs/hubs.css";
import { OpeningHoursTable } from "~/components/hubs/OpeningHours";
import { OpenStatus } from "~/components/hubs/OpenStatus";
import { SignupNotice } from "~/components/hubs/SignupNotice";
import { formatEventRangeShort } from "~/domain/territory/hubs/hub-format";
import { getHubPage } from "~/domain/territory/hubs/hubs.server";
import { romeWallClock } from "~/domain/territory/hubs/rome-time";
import { signupNotice } from "~/domain/territory/hubs/hub-schemas";
import { submitSignupForm } from "~/domain/territory/hubs/signup-form.server";
import { formatList } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle, rootMetaData } from "~/i18n/meta";
import { forbiddenOnAuthorisationError, getCurrentUser, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "hub"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: hubStyles }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request, context);
  const now = new Date();
  const page = await getHubPage(context.db, params.id ?? "", { now, user });
  if (!page) throw new Response(null, { status: 404 });
  const t = await i18nServer.getFixedT(request, "hub");
  return {
    page,
    signedIn: user !== null,
    today: romeWallClock(now).weekday,
    title: page.hub.name,
    description: t("meta.hubDescription", { name: page.hub.name, address: page.hub.address }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => {
  if (error) {
    const titles = rootMetaData(matches)?.titles;
    const notFound = isRouteErrorResponse(error) && error.status === 404;
    return [{ title: (notFound ? titles?.notFound : titles?.error) ?? "Vicinato" }, { name: "robots", content: "noindex" }];
  }
  return [{ title: pageTitle(matches, data?.title) }, { name: "description", content: data?.description ?? "" }];
};

type ActionData = { refused: SignupRefusal; eventId: string | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const result = await forbiddenOnAuthorisationError(() => submitSignupForm(context.db, user, formData));
  if (!result.ok) return data<ActionData>({ refused: result.refused, eventId: result.eventId }, { status: result.status });
  return redirect(`/hubs/${result.hubId}?done=${result.done}&event=${result.eventId}#event-${result.eventId}`, 303);
}

export default function HubPage() {
  const { page, signedIn, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t, i18n } = useTranslation(["hub", "common"]);
  const locale = i18n.language;
  const [searchParams] = useSearchParams();
  const { hub, events, mySignups, canManage } = page;
  const doneEvent = events.find((e) => e.id === searchParams.get("event"));
  const done = signupNotice(searchParams.get("done"), doneEvent);
  const loginHref = `/login?redirectTo=${encodeURIComponent(`/hubs/${hub.id}`)}`;
  const refusalOutsideList = actionData && !events.some((e) => e.id === actionData.eventId);
  const mapHref = `https://www.openstreetmap.org/?mlat=${hub.lat}&mlon=${hub.lng}#map=17/${hub.lat}/${hub.lng}`;

  return (
    <div className="container py-4">
      <p>
        <Link to="/hubs" className="d-inline-flex align-items-center">
          <Icon name="it-arrow-left" size="sm" className="icon-primary me-1" />
          {t("hub.backToList")}
        </Link>
      </p>

      {done && doneEvent ? <SignupNotice done={done} title={doneEvent.title} /> : null}
      {refusalOutsideList ? (
        <div className="alert alert-warning mb-4" role="alert">
          {t(`refused.${actionData.refused}`)}
        </div>
      ) : null}

      <header className="mb-4">
        <p className="text-muted-strong mb-1">{t("hub.kicker")}</p>
        <h1 className="mb-2">{hub.name}</h1>
        <p className="mb-1">
          <Icon name="it-map-marker" size="sm" className="me-1" />
          {hub.address} ·{" "}
          <a href={mapHref} rel="noopener noreferrer" target="_blank">
            {t("hub.map")}
            <span className="visually-hidden"> ({t("hub.newWindow")})</span>
          </a>
        </p>
        <p className="mb-2">{t("hub.serves", { quartieri: formatList(hub.quartieri.map((q) => q.name), locale) })}</p>
        <OpenStatus status={hub.status} />
        {canManage ? (
          <p className="mt-2 mb-0">
            <Link to={`/operator/hubs/${hub.id}`} className="btn btn-outline-primary btn-sm">
              {t("hub.manage")}
            </Link>
          </p>
        ) : null}
      </header>

      <div className="row g-4">
        <div className="col-12 col-lg-8">
          {mySignups.length > 0 ? (
            <LabelledSection headingId="my-signups-heading" heading={t("hub.mySignupsHeading")}>
              <ul>
                {mySignups.map((event) => (
                  <li key={event.id}>
                    <a href={`#event-${event.id}`}>{event.title}</a> – {formatEventRangeShort(event.startsAt, event.endsAt, locale)}
                  </li>
                ))}
              </ul>
            </LabelledSection>
          ) : null}

          <LabelledSection headingId="events-heading" heading={t("hub.eventsHeading")}>
            {events.length === 0 ? (
              <p>{t("hub.noEvents")}</p>
            ) : (
              <ul className="vc-hub-events">
                {events.map((event) => (
                  <HubEventItem
                    key={event.id}
                    event={event}
                    hubId={hub.id}
                    signedIn={signedIn}
                    loginHref={loginHref}
                    refusal={actionData?.eventId === event.id ? actionData.refused : undefined}
                  />
                ))}
              </ul>
            )}
          </LabelledSection>
        </div>

        <aside className="col-12 col-lg-4" aria-labelledby="hours-heading">
          <div className="vc-profile-aside">
            <h2 id="hours-heading" className="h4">
              {t("hours.heading")}
            </h2>
            <OpeningHoursTable hours={hub.openingHours} today={today} />
            <p className="vc-hint mb-0">{t("hours.timezone")}</p>
          </div>
        </aside>
      </div>
    </div>
  );
}

export { HubErrorBoundary as ErrorBoundary };
