import { sql, type Kysely, type Transaction } from "kysely";
import type { Booking, BookingActorRole, BookingStatus, BookingsTable, Database } from "../../../db/schema";
import type { Updateable } from "kysely";
import { inTransaction } from "../verification/change-provider-status.server";
import { notifyBookingTransition } from "./booking-notifications.server";
import { nextBookingStatus, slotHoldingStatuses, type BookingAction } from "./booking-status-machine";

export class BookingTransitionError extends Error {
  constructor(
    readonly code: "not_found" | "transition_not_allowed" | "slot_taken",
    message: string,
    /** For slot_taken: the bookings already holding the time. */
    readonly conflictingBookingIds: string[] = [],
  ) {
    super(message);
    this.name = "BookingTransitionError";
  }
}

export interface BookingTransitionInput {
  bookingId: string;
  action: BookingAction;
  actorRole: BookingActorRole;
  actorUserId: string | null;
  note?: string | null;
  /** Columns changed together with the status (e.g. new terms from an accepted counter-offer). */
  changes?: Omit<Updateable<BookingsTable>, "status" | "id">;
  /**
   * E-mail the other party about it (default). Pass false only when the caller sends its own
   * notice in the same transaction (e.g. a cancellation that names the refund).
   */
  notify?: boolean;
}

/**
 * Locks a booking for a change: first the provider's slot lock, then the row. Every writer of
 * bookings takes them in this order (see also payments' lockBookingForPayment), so two changes
 * queue instead of deadlocking. Taking them again later in the same transaction is free.
 */
export async function lockBooking(trx: Transaction<Database>, bookingId: string): Promise<Booking | undefined> {
  const peek = await trx.selectFrom("bookings").select("provider_id").where("id", "=", bookingId).executeTakeFirst();
  if (!peek) return undefined;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`booking-slots:${peek.provider_id}`}, 0))`.execute(trx);
  return trx.selectFrom("bookings").selectAll().where("id", "=", bookingId).forUpdate().executeTakeFirst();
}

/**
 * Every change of a booking's status goes through here: the row is locked, the move is checked
 * against the transition table and recorded with who, when and why, all in one transaction.
 * Moving into a state that holds the provider's time first takes a per-provider lock and refuses
 * when another held booking overlaps, so parallel accepts can never double-book a provider.
 * Whether the person may act for that party is checked by the callers.
 */
export async function transitionBooking(
  db: Kysely<Database>,
  input: BookingTransitionInput,
): Promise<{ from: BookingStatus; to: BookingStatus }> {
  return inTransaction(db, async (trx) => {
    // One lock per provider, always before the booking row: the same order everywhere, no deadlocks.
    const booking = await lockBooking(trx, input.bookingId);
    if (!booking) throw new BookingTransitionError("not_found", "booking not found");

    const to = nextBookingStatus(booking.status, input.action, input.actorRole);
    if (!to) throw new BookingTransitionError("transition_not_allowed", `${input.action} by ${input.actorRole} is not allowed from ${booking.status}`);

    const after = { ...booking, ...input.changes };
    const holds = (status: BookingStatus) => (slotHoldingStatuses as readonly BookingStatus[]).includes(status);
    if (holds(to) && !holds(booking.status)) {
      const conflicts = await overlappingHeldBookings(trx, {
        providerId: booking.provider_id,
        excludeBookingId: booking.id,
        weekdays: after.weekdays,
        startMinute: after.start_minute,
        endMinute: after.end_minute,
        firstDate: after.first_date,
        lastDate: after.last_date,
      });
      if (conflicts.length > 0) throw new BookingTransitionError("slot_taken", "the provider is already booked at that time", conflicts);
    }

    await trx
      .updateTable("bookings")
      .set({ ...input.changes, status: to, updated_at: new Date() })
      .where("id", "=", booking.id)
      .execute();
    await trx
      .insertInto("booking_transitions")
      .values({
        booking_id: booking.id,
        from_status: booking.status,
        to_status: to,
        action: input.action,
        actor_role: input.actorRole,
        actor_user_id: input.actorUserId,
        note: input.note?.trim() || null,
      })
      .execute();
    if (input.notify !== false) {
      await notifyBookingTransition(trx, { bookingId: booking.id, action: input.action, actorRole: input.actorRole, note: input.note });
    }
    return { from: booking.status, to };
  });
}

export interface ScheduleWindow {
  providerId: string;
  excludeBookingId?: string;
  weekdays: number[];
  startMinute: number;
  endMinute: number;
  firstDate: string;
  lastDate: string;
}

/**
 * Bookings of the provider that hold time overlapping this weekly pattern: date ranges overlap,
 * a weekday in common falls inside both ranges, and the minutes overlap (touching ends do not).
 */
export async function overlappingHeldBookings(db: Kysely<Database> | Transaction<Database>, window: ScheduleWindow): Promise<string[]> {
  const rows = await db
    .selectFrom("bookings")
    .select("id")
    .where("provider_id", "=", window.providerId)
    .where("status", "in", [...slotHoldingStatuses])
    .$if(!!window.excludeBookingId, (q) => q.where("id", "<>", window.excludeBookingId!))
    .where("first_date", "<=", window.lastDate)
    .where("last_date", ">=", window.firstDate)
    .where("start_minute", "<", window.endMinute)
    .where("end_minute", ">", window.startMinute)
    .where(
      sql<boolean>`exists (
        select 1 from generate_series(greatest(first_date, ${window.firstDate}::date), least(last_date, ${window.lastDate}::date), interval '1 day') as d(day)
        where extract(isodow from d.day)::smallint = any(weekdays)
          and extract(isodow from d.day)::smallint = any(${window.weekdays}::smallint[])
      )`,
    )
    .execute();
  return rows.map((r) => r.id);
}
