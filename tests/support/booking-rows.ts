import { sql } from "kysely";
import type { DB } from "../../db/client";
import type { BookingStatus } from "../../db/schema";
import type { CurrentUser } from "../../app/domain/accounts/current-user";
import type { EmailJobPayload } from "../../app/domain/accounts/email-queue.server";
import { insertBooking, insertPayableProvider, insertUser, type ProviderWithOwner } from "./booking-fixtures";

/**
 * Bookings with their conversation, written straight into the database for the messaging and
 * review tests (the request flow is tested by the bookings module): the cast around one booking,
 * a booking in any state with its thread and the family's first message, and the queued e-mails.
 */

export interface Cast {
  family: CurrentUser;
  otherFamily: CurrentUser;
  /** The booked provider (home quartiere `quartiereId`) with its owner account. */
  provider: ProviderWithOwner;
  otherProvider: ProviderWithOwner;
  /** Operator of the booked provider's quartiere. */
  operator: CurrentUser;
  /** Operator of another quartiere only. */
  otherOperator: CurrentUser;
  admin: CurrentUser;
}

export async function insertCast(db: DB, options: { quartiereId?: number; otherQuartiereId?: number; providerName?: string; locale?: string } = {}): Promise<Cast> {
  const quartiereId = options.quartiereId ?? 1;
  const otherQuartiereId = options.otherQuartiereId ?? 2;
  const [family, otherFamily, provider, otherProvider, operator, otherOperator, admin] = await Promise.all([
    insertUser(db, { roles: ["family"], name: "Giulia Bianchi", locale: options.locale ?? "it" }),
    insertUser(db, { roles: ["family"], name: "Altra Famiglia" }),
    insertPayableProvider(db, { quartiereId, name: options.providerName }),
    insertPayableProvider(db, { quartiereId: otherQuartiereId }),
    insertUser(db, { roles: ["operator"], quartieri: [quartiereId] }),
    insertUser(db, { roles: ["operator"], quartieri: [otherQuartiereId] }),
    insertUser(db, { roles: ["admin"] }),
  ]);
  return { family, otherFamily, provider, otherProvider, operator, otherOperator, admin };
}

/** A booking in the given state with its thread; with `firstMessage`, the family's opening message (read by them). */
export async function insertBookingWithThread(
  db: DB,
  options: { providerId: string; familyUserId: string; status: BookingStatus; firstMessage?: string; at?: Date },
): Promise<{ bookingId: string; threadId: string }> {
  const bookingId = await insertBooking(db, {
    providerId: options.providerId,
    familyUserId: options.familyUserId,
    totalCents: 4_500,
    status: options.status,
    paymentMode: "direct",
  });
  const { id: threadId } = await db.insertInto("message_threads").values({ booking_id: bookingId }).returning("id").executeTakeFirstOrThrow();
  if (options.firstMessage) {
    const { id } = await db
      .insertInto("messages")
      .values({ thread_id: threadId, sender_user_id: options.familyUserId, body: options.firstMessage, created_at: options.at ?? new Date() })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("thread_reads").values({ thread_id: threadId, user_id: options.familyUserId, last_read_message_id: id }).execute();
  }
  return { bookingId, threadId };
}

/** Moves a booking to a state directly (as if the bookings module had done it). */
export async function setBookingStatus(db: DB, bookingId: string, status: BookingStatus): Promise<void> {
  await db.updateTable("bookings").set({ status }).where("id", "=", bookingId).execute();
}

/** The e-mails waiting in the queue (send_email jobs), optionally only those whose parameters mention `about`. */
export async function queuedEmails(db: DB, about?: string): Promise<EmailJobPayload[]> {
  const { rows } = await sql<{ payload: EmailJobPayload }>`
    select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = 'send_email' order by j.id`.execute(db);
  return rows.map((r) => r.payload).filter((p) => !about || Object.values(p.params ?? {}).includes(about));
}

export async function auditRows(db: DB, subjectId: string) {
  return db.selectFrom("audit_log").select(["actor_user_id", "action", "subject_type", "details"]).where("subject_id", "=", subjectId).orderBy("id").execute();
}
