import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BookingErrorBoundary, bookingMeta } from "~/components/bookings/BookingErrorBoundary";
import { CalendarDays } from "~/components/bookings/CalendarDays";
import { upcomingSessions, CALENDAR_WEEKS } from "~/domain/bookings/calendar.server";
import { formatDay } from "~/domain/bookings/describe-schedule";
import { i18nServer } from "~/i18n/i18next.server";
import bookingStyles from "~/styles/bookings.css";
import { requireUser } from "~/utils/auth.server";

export const handle = { i18n: ["common", "booking"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: bookingStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const calendar = await upcomingSessions(context.db, user, { weeks: CALENDAR_WEEKS });
  const t = await i18nServer.getFixedT(request, "booking");
  return { calendar, title: t("calendar.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => bookingMeta(matches, error, data?.title);

export default function CalendarPage() {
  const { calendar } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("booking");
  return (
    <div className="container py-4">
      <h1 className="mb-2">{t("calendar.title")}</h1>
      <p className="lead">
        {t("calendar.intro", { weeks: CALENDAR_WEEKS, from: formatDay(calendar.from, i18n.language), to: formatDay(calendar.to, i18n.language) })}
      </p>
      <p>
        <a href="/calendar.ics" download>
          {t("calendar.download")}
        </a>
        <span className="vc-hint d-block">{t("calendar.downloadHint")}</span>
      </p>
      <p>
        <Link to="/bookings">{t("calendar.toBookings")}</Link>
      </p>
      {calendar.days.length === 0 ? <p className="vc-empty">{t("calendar.empty")}</p> : <CalendarDays days={calendar.days} />}
    </div>
  );
}

export { BookingErrorBoundary as ErrorBoundary };
