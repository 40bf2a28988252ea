import type { BookingStatus } from "../../../db/schema";
import { e2eDb } from "./operator-login";

/**
 * A one-off babysitting booking in quartiere 1 (Duomo), 16:00–19:00 on `day`, to be paid online:
 * what the bookings flow leaves behind, written straight into the e2e server's database. With
 * `withThread` it gets its (empty) message thread, as a request made through the site does.
 */
export async function insertOneOffBooking(options: {
  providerId: string;
  familyUserId: string;
  status: BookingStatus;
  day: string;
  totalCents?: number;
  withThread?: boolean;
}): Promise<string> {
  const db = e2eDb();
  const category = await db.selectFrom("service_categories").select("id").where("slug", "=", "babysitter").executeTakeFirstOrThrow();
  const weekday = ((new Date(`${options.day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const totalCents = options.totalCents ?? 3900;
  const { id } = await db
    .insertInto("bookings")
    .values({
      provider_id: options.providerId,
      family_user_id: options.familyUserId,
      category_id: category.id,
      kind: "one_off",
      status: options.status,
      weekdays: [weekday],
      start_minute: 16 * 60,
      end_minute: 19 * 60,
      first_date: options.day,
      last_date: options.day,
      address: "Via Dante 1, Milano",
      hourly_price_cents: Math.round(totalCents / 3),
      total_cents: totalCents,
      payment_mode: "online",
      quartiere_id: 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (options.withThread) await db.insertInto("message_threads").values({ booking_id: id }).execute();
  return id;
}
