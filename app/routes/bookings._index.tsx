import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BookingErrorBoundary, bookingMeta } from "~/components/bookings/BookingErrorBoundary";
import { BookingList } from "~/components/bookings/BookingList";
import { LabelledSection } from "~/components/LabelledSection";
import { listMyBookings } from "~/domain/bookings/my-bookings.server";
import { unreadCountsForUser } from "~/domain/messaging/unread.server";
import { i18nServer } from "~/i18n/i18next.server";
import bookingStyles from "~/styles/bookings.css";
import { requireUser } from "~/utils/auth.server";

export const handle = { i18n: ["common", "booking"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: bookingStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const bookings = await listMyBookings(context.db, user);
  const ids = [...bookings.needsAnswer, ...bookings.upcoming, ...bookings.past].map((b) => b.id);
  const unread = await unreadCountsForUser(context.db, user.id, ids);
  const t = await i18nServer.getFixedT(request, "booking");
  return { bookings, unread, title: t("list.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => bookingMeta(matches, error, data?.title);

export default function MyBookingsPage() {
  const { bookings, unread } = useLoaderData<typeof loader>();
  const { t } = useTranslation("booking");
  const total = bookings.needsAnswer.length + bookings.upcoming.length + bookings.past.length;
  return (
    <div className="container py-4">
      <h1 className="mb-2">{t("list.title")}</h1>
      <p className="lead">{t("list.intro")}</p>
      <p>
        <Link to="/calendar">{t("list.toCalendar")}</Link>
      </p>
      {total === 0 ? (
        <div className="vc-empty mb-4">
          <p className="mb-1">{t("list.empty")}</p>
          <Link to="/search">{t("list.findService")}</Link>
        </div>
      ) : null}
      <LabelledSection headingId="needs-answer" heading={t("list.needsAnswer", { count: bookings.needsAnswer.length })}>
        <BookingList bookings={bookings.needsAnswer} unread={unread} empty={t("list.needsAnswerEmpty")} />
      </LabelledSection>
      <LabelledSection headingId="upcoming" heading={t("list.upcoming")}>
        <BookingList bookings={bookings.upcoming} unread={unread} empty={t("list.upcomingEmpty")} />
      </LabelledSection>
      <LabelledSection headingId="past" heading={t("list.past")}>
        <BookingList bookings={bookings.past} unread={unread} empty={t("list.pastEmpty")} />
      </LabelledSection>
    </div>
  );
}

export { BookingErrorBoundary as ErrorBoundary };
