import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, isRouteErrorResponse, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Icon } from "~/components/Icon";
import { EventSignup, type SignupRefusal } from "~/components/hubs/EventSignup";
import { HubErrorBoundary } from "~/components/hubs/HubErrorBoundaries";
import hubStyles from "~/components/hubs/hubs.css";
import { OpenStatus } from "~/components/hubs/OpenStatus";
import { SignupNotice } from "~/components/hubs/SignupNotice";
import { formatEventRange } from "~/domain/territory/hubs/hub-format";
import { getHubEventPage } from "~/domain/territory/hubs/hubs.server";
import { signupNotice } from "~/domain/territory/hubs/hub-schemas";
import { submitSignupForm } from "~/domain/territory/hubs/signup-form.server";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle, rootMetaData } from "~/i18n/meta";
import { forbiddenOnAuthorisationError, getCurrentUser, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "hub"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: hubStyles }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request, context);
  const page = await getHubEventPage(context.db, params.id ?? "", params.eventId ?? "", { now: new Date(), user });
  if (!page) throw new Response(null, { status: 404 });
  const t = await i18nServer.getFixedT(request, "hub");
  return {
    page,
    signedIn: user !== null,
    title: t("event.pageTitle", { title: page.event.title, hub: page.hub.name }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => {
  if (error) {
    const titles = rootMetaData(matches)?.titles;
    const notFound = isRouteErrorResponse(error) && error.status === 404;
    return [{ title: (notFound ? titles?.notFound : titles?.error) ?? "Vicinato" }, { name: "robots", content: "noindex" }];
  }
  return [{ title: pageTitle(matches, data?.title) }, { name: "description", content: data?.page.event.description.slice(0, 160) ?? "" }];
};

type ActionData = { refused: SignupRefusal; eventId: string | null };

export async function action({ params, request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const result = await forbiddenOnAuthorisationError(() => submitSignupForm(context.db, user, formData));
  if (!result.ok) return data<ActionData>({ refused: result.refused, eventId: result.eventId }, { status: result.status });
  return redirect(`/hubs/${result.hubId}/events/${result.eventId}?done=${result.done}`, 303);
}

export default function HubEvent() {
  const { page, signedIn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t, i18n } = useTranslation(["hub", "common"]);
  const [searchParams] = useSearchParams();
  const { hub, event, canManage } = page;
  const done = signupNotice(searchParams.get("done"), event);
  const loginHref = `/login?redirectTo=${encodeURIComponent(`/hubs/${hub.id}/events/${event.id}`)}`;

  return (
    <div className="container py-4">
      <p>
        <Link to={`/hubs/${hub.id}`} className="d-inline-flex align-items-center">
          <Icon name="it-arrow-left" size="sm" className="icon-primary me-1" />
          {t("event.backToHub", { hub: hub.name })}
        </Link>
      </p>

      {done ? <SignupNotice done={done} title={event.title} /> : null}

      <div className="row g-4">
        <div className="col-12 col-lg-8">
          <p className="text-muted-strong mb-1">{t("event.kicker")}</p>
          <h1 className="mb-2">{event.title}</h1>
          <p className="vc-hub-event-when lead">{formatEventRange(event.startsAt, event.endsAt, i18n.language)}</p>
          {event.description ? (
            <p className="vc-hub-event-description" dir="auto">
              {event.description}
            </p>
          ) : null}
          <EventSignup
            event={event}
            signedIn={signedIn}
            loginHref={loginHref}
            refusal={actionData ? actionData.refused : undefined}
          />
          {canManage ? (
            <p className="mt-4">
              <Link to={`/operator/hubs/${hub.id}/events/${event.id}`}>{t("event.manage")}</Link>
            </p>
          ) : null}
        </div>
        <aside className="col-12 col-lg-4" aria-labelledby="where-heading">
          <div className="vc-profile-aside">
            <h2 id="where-heading" className="h4">
              {t("event.where")}
            </h2>
            <p className="mb-1 fw-semibold">
              <Link to={`/hubs/${hub.id}`}>{hub.name}</Link>
            </p>
            <p className="mb-2">{hub.address}</p>
            <OpenStatus status={hub.status} />
          </div>
        </aside>
      </div>
    </div>
  );
}

export { HubErrorBoundary as ErrorBoundary };
