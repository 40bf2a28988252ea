import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarFile } from "~/domain/bookings/calendar.server";
import { i18nServer } from "~/i18n/i18next.server";
import { getEnv } from "~/utils/env.server";
import { requireUser } from "~/utils/auth.server";

/** The person's bookings as an iCalendar file to import into any calendar app (RFC 5545). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(locale, ["booking", "common"]);
  const siteUrl = getEnv().PUBLIC_URL ?? new URL(request.url).origin;
  const body = await calendarFile(context.db, user, { t, locale, siteUrl });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="vicinato-bookings.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
