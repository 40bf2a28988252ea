import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AvailabilityTable } from "~/components/AvailabilityTable";
import { BookingErrorBoundary, bookingMeta } from "~/components/bookings/BookingErrorBoundary";
import { RequestForm } from "~/components/bookings/RequestForm";
import { LabelledSection } from "~/components/LabelledSection";
import type { BookingFieldErrors, RequestRaw } from "~/domain/bookings/booking-schemas";
import { requestInputFromForm } from "~/domain/bookings/booking-schemas";
import { loadRequestForm, requestBooking } from "~/domain/bookings/request-booking.server";
import { romeLocal, type ScheduleConflict } from "~/domain/bookings/schedule";
import { i18nServer } from "~/i18n/i18next.server";
import bookingStyles from "~/styles/bookings.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "booking", "provider"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: bookingStyles }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const view = await forbiddenOnAuthorisationError(() => loadRequestForm(context.db, user, params.id ?? ""));
  if (!view) throw new Response(null, { status: 404 });
  const t = await i18nServer.getFixedT(request, "booking");
  return { ...view, today: romeLocal(new Date()).date, title: t("request.title", { name: view.provider.displayName }) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => bookingMeta(matches, error, data?.title);

type ActionData = { errors: BookingFieldErrors; conflicts: ScheduleConflict[]; values: RequestRaw };

export async function action({ params, request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const raw = requestInputFromForm(formData);
  const result = await forbiddenOnAuthorisationError(() => requestBooking(context.db, user, { providerId: params.id ?? "", raw }));
  if (!result) throw new Response(null, { status: 404 });
  if (!result.ok) return data<ActionData>({ errors: result.errors, conflicts: result.conflicts, values: raw }, { status: 400 });
  return redirect(`/bookings/${result.bookingId}?done=requested`, 303);
}

export default function RequestBookingPage() {
  const { provider, quartieri, municipi, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation(["booking", "provider"]);

  return (
    <div className="container py-4">
      <p>
        <Link to={`/providers/${provider.id}`}>{t("booking:request.back", { name: provider.displayName })}</Link>
      </p>
      <h1 className="mb-2">{t("booking:request.title", { name: provider.displayName })}</h1>
      <p className="lead mb-4">{t("booking:request.intro")}</p>
      <div className="row g-4">
        <div className="col-12 col-lg-8">
          <RequestForm
            provider={provider}
            quartieri={quartieri}
            municipi={municipi}
            values={actionData?.values ?? {}}
            errors={actionData?.errors ?? {}}
            conflicts={actionData?.conflicts ?? []}
            today={today}
          />
        </div>
        <aside className="col-12 col-lg-4" aria-labelledby="hours-heading">
          <div className="vc-profile-aside">
            <LabelledSection headingId="hours-heading" heading={t("booking:request.hoursHeading", { name: provider.displayName })} headingClassName="h5" className={null}>
              <AvailabilityTable slots={provider.availability} />
              <p className="vc-hint mb-0">{t("booking:request.hoursNote", { name: provider.displayName })}</p>
            </LabelledSection>
          </div>
        </aside>
      </div>
    </div>
  );
}

export { BookingErrorBoundary as ErrorBoundary };
