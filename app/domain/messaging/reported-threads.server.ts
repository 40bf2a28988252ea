import type { Kysely } from "kysely";
import type { BookingStatus, Database } from "../../../db/schema";
import type { CurrentUser } from "../accounts/current-user";
import { assertVerifier, isAdmin, quartiereScope } from "../verification/operator-access.server";
import type { Side } from "./thread-access.server";

/**
 * The reported conversations an operator may read: those whose provider lives in one of their
 * quartieri (every one for an admin), newest report first. Listing reads no message text and is
 * not audit-logged; opening one is (read-reported-thread.server.ts).
 */

export const REPORTS_PAGE_SIZE = 25;

export interface ReportedThreadItem {
  threadId: string;
  bookingId: string;
  providerId: string;
  providerName: string;
  quartiere: { id: number; name: string } | null;
  status: BookingStatus;
  reportedAt: string;
  reportedBy: Side | null;
  reason: string;
  messageCount: number;
}

export interface ReportedThreadList {
  isAdmin: boolean;
  items: ReportedThreadItem[];
  total: number;
  page: number;
  pageSize: number;
}

/** AuthorisationError for anyone but an operator or an admin. */
export async function listReportedThreads(db: Kysely<Database>, user: CurrentUser, options: { page?: number } = {}): Promise<ReportedThreadList> {
  assertVerifier(user);
  const scope = quartiereScope(user);
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const empty = { isAdmin: isAdmin(user), items: [], total: 0, page, pageSize: REPORTS_PAGE_SIZE };
  if (scope !== null && scope.length === 0) return empty;

  const base = db
    .selectFrom("message_threads as t")
    .innerJoin("bookings as b", "b.id", "t.booking_id")
    .innerJoin("providers as p", "p.id", "b.provider_id")
    .leftJoin("quartieri as q", "q.id", "p.quartiere_id")
    .where("t.reported_at", "is not", null)
    .$if(scope !== null, (qb) => qb.where("p.quartiere_id", "in", scope!));

  const [rows, total] = await Promise.all([
    base
      .select((eb) => [
        "t.id",
        "t.reported_at",
        "t.reported_by",
        "t.report_reason",
        "b.id as booking_id",
        "b.status",
        "b.family_user_id",
        "p.id as provider_id",
        "p.display_name",
        "q.id as quartiere_id",
        "q.name as quartiere_name",
        eb.selectFrom("messages as m").select((s) => s.fn.countAll<string>().as("n")).whereRef("m.thread_id", "=", "t.id").as("message_count"),
      ])
      .orderBy("t.reported_at", "desc")
      .orderBy("t.id")
      .limit(REPORTS_PAGE_SIZE)
      .offset((page - 1) * REPORTS_PAGE_SIZE)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);

  return {
    ...empty,
    total: Number(total.n),
    items: rows.map((r) => ({
      threadId: r.id,
      bookingId: r.booking_id,
      providerId: r.provider_id,
      providerName: r.display_name,
      quartiere: r.quartiere_id !== null && r.quartiere_name !== null ? { id: r.quartiere_id, name: r.quartiere_name } : null,
      status: r.status,
      reportedAt: new Date(r.reported_at!).toISOString(),
      reportedBy: r.reported_by === null ? null : r.reported_by === r.family_user_id ? "family" : "provider",
      reason: r.report_reason ?? "",
      messageCount: Number(r.message_count ?? 0),
    })),
  };
}
