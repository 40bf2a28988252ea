import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { reviewScore, type AspectRatings } from "./rating";

/** One review as the listing pages show it (the public profile leaves out what it must not show). */
export interface ReviewItem {
  id: string;
  bookingId: string;
  providerId: string;
  providerName: string;
  categorySlug: string;
  ratings: AspectRatings;
  score: number;
  body: string;
  reply: string | null;
  repliedAt: string | null;
  createdAt: string;
  hidden: { at: string; reason: string } | null;
}

/** Reviews with their provider and the booked category; callers add the filter and the order. */
export function reviewRows(db: Kysely<Database>) {
  return db
    .selectFrom("reviews as r")
    .innerJoin("providers as p", "p.id", "r.provider_id")
    .innerJoin("bookings as b", "b.id", "r.booking_id")
    .innerJoin("service_categories as c", "c.id", "b.category_id")
    .select([
      "r.id",
      "r.booking_id",
      "r.provider_id",
      "p.display_name as provider_name",
      "c.slug as category_slug",
      "r.rating_reliability",
      "r.rating_care",
      "r.rating_communication",
      "r.body",
      "r.reply_body",
      "r.replied_at",
      "r.created_at",
      "r.hidden_at",
      "r.hidden_reason",
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof reviewRows>["execute"]>>[number];

export function toReviewItem(row: Row): ReviewItem {
  const ratings = { reliability: row.rating_reliability, care: row.rating_care, communication: row.rating_communication };
  return {
    id: row.id,
    bookingId: row.booking_id,
    providerId: row.provider_id,
    providerName: row.provider_name,
    categorySlug: row.category_slug,
    ratings,
    score: reviewScore(ratings),
    body: row.body,
    reply: row.reply_body,
    repliedAt: row.replied_at ? new Date(row.replied_at).toISOString() : null,
    createdAt: new Date(row.created_at).toISOString(),
    hidden: row.hidden_at ? { at: new Date(row.hidden_at).toISOString(), reason: row.hidden_reason ?? "" } : null,
  };
}
