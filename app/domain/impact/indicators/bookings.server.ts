import { sql } from "kysely";
import type { DB } from "../../../../db/client";
import { inArea, inPeriod, toCount, type Cell, type IndicatorScope } from "./sql";

/**
 * Bookings: how many were requested and cancelled, how fast providers answer, which families
 * were served, and the bonds that form. A booking belongs to the quartiere where the service
 * happens (bookings.quartiere_id), not to the family's or the provider's home. Read from
 * impact_booking_facts (one row per booking, refreshed by the worker: ../booking-facts.server.ts).
 *
 * - Bookings and cancellations: bookings requested within the period, and how many of those
 *   are cancelled today.
 * - Response time: for bookings requested within the period, the time from the request to the
 *   provider's first answer (accept, decline or counter-offer), averaged over those answered.
 * - Families served: distinct families with a confirmed, in-progress, completed or reviewed
 *   booking whose service dates overlap the period.
 * - Repeat collaborations: family–provider pairs with at least two bookings completed within
 *   the period.
 * - Cross-quartiere links: bookings completed within the period whose provider's home quartiere
 *   differs from the quartiere of the service.
 */

export const servedStatuses = ["confirmed", "in_progress", "completed", "reviewed"] as const;

/** Bookings requested in the period by quartiere and category, with cancellations and answer times. */
export function bookingsQuery(db: DB, { quartiereIds, period }: IndicatorScope) {
  return db
    .selectFrom("impact_booking_facts as f")
    .select([
      "f.quartiere_id",
      "f.category_id",
      (eb) => eb.fn.countAll<string>().as("n"),
      sql<string>`count(*) filter (where f.status = 'cancelled')`.as("cancelled"),
      sql<string | null>`sum(f.response_seconds)`.as("response_seconds"),
      sql<string>`count(f.response_seconds)`.as("answered"),
    ])
    .where(inPeriod("f.created_at", period))
    .where(inArea("f.quartiere_id", quartiereIds))
    .groupBy(["f.quartiere_id", "f.category_id"]);
}

/** Per quartiere, and (is_total) the distinct total over the area. */
export function familiesServedQuery(db: DB, { quartiereIds, period }: IndicatorScope) {
  return db
    .selectFrom("impact_booking_facts as f")
    .select(["f.quartiere_id", sql<boolean>`grouping(f.quartiere_id) = 1`.as("is_total"), (eb) => eb.fn.count<string>("f.family_user_id").distinct().as("n")])
    .where("f.status", "in", [...servedStatuses])
    .where("f.first_date", "<=", period.to)
    .where("f.last_date", ">=", period.from)
    .where(inArea("f.quartiere_id", quartiereIds))
    .groupBy(sql`grouping sets ((f.quartiere_id), ())`);
}

/**
 * Bookings completed in the period, grouped by family–provider pair: how many pairs have two
 * or more (repeat collaborations), and how many of the bookings were cross-quartiere.
 */
export function completionsQuery(db: DB, { quartiereIds, period }: IndicatorScope) {
  return db
    .selectFrom((eb) =>
      eb
        .selectFrom("impact_booking_facts as f")
        .select([
          "f.family_user_id",
          "f.provider_id",
          (e) => e.fn.countAll<string>().as("bookings"),
          sql<string>`count(*) filter (where f.quartiere_id is not null and f.provider_quartiere_id is not null and f.provider_quartiere_id <> f.quartiere_id)`.as("cross"),
        ])
        .where("f.completed_at", "is not", null)
        .where(inPeriod("f.completed_at", period))
        .where(inArea("f.quartiere_id", quartiereIds))
        .groupBy(["f.family_user_id", "f.provider_id"])
        .as("pairs"),
    )
    .select([sql<string>`count(*) filter (where pairs.bookings >= 2)`.as("repeat"), sql<string | null>`sum(pairs.cross)`.as("cross")]);
}

export interface BookingFigures {
  bookings: Array<Cell & { cancelled: number }>;
  responseTime: { averageSeconds: number | null; answered: number };
  familiesServedPerQuartiere: Map<number, number>;
  familiesServed: number;
  repeatCollaborations: number;
  crossQuartiereLinks: number;
}

export async function fetchBookingFigures(db: DB, scope: IndicatorScope): Promise<BookingFigures> {
  const [bookings, families, completions] = await Promise.all([
    bookingsQuery(db, scope).execute(),
    familiesServedQuery(db, scope).execute(),
    completionsQuery(db, scope).executeTakeFirst(),
  ]);
  const familiesServedPerQuartiere = new Map<number, number>();
  let familiesServed = 0;
  for (const row of families) {
    if (row.is_total) familiesServed = toCount(row.n);
    else if (row.quartiere_id !== null) familiesServedPerQuartiere.set(row.quartiere_id, toCount(row.n));
  }
  const answered = bookings.reduce((s, r) => s + toCount(r.answered), 0);
  const responseSeconds = bookings.reduce((s, r) => s + Number(r.response_seconds ?? 0), 0);
  return {
    bookings: bookings.map((r) => ({ quartiereId: r.quartiere_id, categoryId: r.category_id, n: toCount(r.n), cancelled: toCount(r.cancelled) })),
    responseTime: { averageSeconds: answered > 0 ? responseSeconds / answered : null, answered },
    familiesServedPerQuartiere,
    familiesServed,
    repeatCollaborations: toCount(completions?.repeat),
    crossQuartiereLinks: toCount(completions?.cross),
  };
}
