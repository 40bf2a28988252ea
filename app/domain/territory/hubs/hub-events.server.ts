import type { Kysely } from "kysely";
import type { Database } from "../../../../db/schema";
import type { CurrentUser } from "~/domain/accounts/current-user";
import { holdLiveAccount } from "~/domain/accounts/live-account.server";
import { enqueueEmail } from "~/domain/accounts/email-queue.server";
import { recordAudit } from "~/domain/audit/audit-log.server";
import { isUuid } from "~/utils/uuid";
import { requireManagedHub } from "./hub-access.server";
import { formatEventRange } from "./hub-format";
import type { EventInput, FieldErrors } from "./hub-schemas";

/**
 * Events at a hub and the places in them.
 *
 * Capacity holds under any concurrency: every sign-up, cancellation and change of an event first
 * locks the event's row (`select … for update`), so sign-ups for one event queue behind each
 * other and the count they read is the count they write against. Signing up twice is harmless
 * (the pair is the primary key and the second attempt reports "already"). Events that have begun
 * are closed: no sign-ups, no cancellations, no changes.
 */

type Db = Kysely<Database>;

/** How far ahead an event may be planned. */
export const MAX_EVENT_DAYS_AHEAD = 730;

export type SignupResult =
  | { ok: true; status: "signed_up" | "already"; hubId: string }
  | { ok: false; reason: "not_found" | "full" | "past" | "email_unverified" };

/**
 * A place for the signed-in person at an event (unless it is full, past, or they already have one).
 * AuthorisationError when the person's account is being (or has been) erased.
 */
export async function signUpForEvent(db: Db, user: CurrentUser, input: { eventId: string; now?: Date }): Promise<SignupResult> {
  if (!isUuid(input.eventId)) return { ok: false, reason: "not_found" };
  if (!user.emailVerified) return { ok: false, reason: "email_unverified" };
  return db.transaction().execute(async (trx): Promise<SignupResult> => {
    await holdLiveAccount(trx, user.id);
    const event = await trx
      .selectFrom("hub_events")
      .select(["id", "hub_id", "capacity", "starts_at"])
      .where("id", "=", input.eventId)
      .forUpdate()
      .executeTakeFirst();
    if (!event) return { ok: false, reason: "not_found" };
    const mine = await trx
      .selectFrom("hub_event_signups")
      .select("user_id")
      .where("event_id", "=", event.id)
      .where("user_id", "=", user.id)
      .executeTakeFirst();
    if (mine) return { ok: true, status: "already", hubId: event.hub_id };
    const now = input.now ?? new Date();
    if (event.starts_at.getTime() <= now.getTime()) return { ok: false, reason: "past" };
    const { n } = await trx
      .selectFrom("hub_event_signups")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("event_id", "=", event.id)
      .executeTakeFirstOrThrow();
    if (Number(n) >= event.capacity) return { ok: false, reason: "full" };
    await trx
      .insertInto("hub_event_signups")
      .values({ event_id: event.id, user_id: user.id })
      .onConflict((oc) => oc.columns(["event_id", "user_id"]).doNothing())
      .execute();
    return { ok: true, status: "signed_up", hubId: event.hub_id };
  });
}

export type CancelSignupResult = { ok: true; removed: boolean; hubId: string } | { ok: false; reason: "not_found" | "past" };

/** Gives one's own place back (only one's own: the user id comes from the session). */
export async function cancelSignup(db: Db, user: CurrentUser, input: { eventId: string; now?: Date }): Promise<CancelSignupResult> {
  if (!isUuid(input.eventId)) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx): Promise<CancelSignupResult> => {
    const event = await trx.selectFrom("hub_events").select(["id", "hub_id", "starts_at"]).where("id", "=", input.eventId).forUpdate().executeTakeFirst();
    if (!event) return { ok: false, reason: "not_found" };
    if (event.starts_at.getTime() <= (input.now ?? new Date()).getTime()) return { ok: false, reason: "past" };
    const deleted = await trx.deleteFrom("hub_event_signups").where("event_id", "=", event.id).where("user_id", "=", user.id).executeTakeFirst();
    return { ok: true, removed: Number(deleted.numDeletedRows) > 0, hubId: event.hub_id };
  });
}

export type EventWriteResult = { ok: true; eventId: string } | { ok: false; errors: FieldErrors };

/** Rules that need the time: an event starts ahead, and not years ahead. */
function timeProblems(input: EventInput, now: Date): FieldErrors | null {
  if (input.startsAt.getTime() <= now.getTime()) return { date: "errors.eventInPast" };
  if (input.startsAt.getTime() > now.getTime() + MAX_EVENT_DAYS_AHEAD * 86_400_000) return { date: "errors.eventTooFar" };
  return null;
}

/** A new event at a hub (its operators, an admin). */
export async function createHubEvent(db: Db, user: CurrentUser, input: { hubId: string; event: EventInput; now?: Date }): Promise<EventWriteResult> {
  await requireManagedHub(db, user, input.hubId);
  const problems = timeProblems(input.event, input.now ?? new Date());
  if (problems) return { ok: false, errors: problems };
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("hub_events")
      .values({
        hub_id: input.hubId,
        title: input.event.title,
        description: input.event.description,
        starts_at: input.event.startsAt,
        ends_at: input.event.endsAt,
        capacity: input.event.capacity,
        created_by: user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: user.id,
      action: "hub_event.create",
      subjectType: "hub_event",
      subjectId: id,
      details: { hubId: input.hubId, startsAt: input.event.startsAt.toISOString(), capacity: input.event.capacity },
    });
    return { ok: true as const, eventId: id };
  });
}

interface Attendee {
  email: string;
  locale: string;
  name: string;
}

async function attendeesOf(db: Db, eventId: string): Promise<Attendee[]> {
  const rows = await db
    .selectFrom("hub_event_signups as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select(["u.email", "u.locale", "u.display_name"])
    .where("s.event_id", "=", eventId)
    .where("u.deleted_at", "is", null)
    .orderBy("s.created_at")
    .execute();
  return rows.map((r) => ({ email: r.email, locale: r.locale, name: r.display_name ?? r.email }));
}

/** Tells everyone with a place about a change (queued in the caller's transaction). */
async function notifyAttendees(
  db: Db,
  attendees: Attendee[],
  key: "emails.eventChanged" | "emails.eventCancelled",
  event: { hubId: string; hubName: string; title: string; startsAt: Date; endsAt: Date },
): Promise<void> {
  for (const person of attendees) {
    await enqueueEmail(db, {
      to: person.email,
      locale: person.locale,
      template: { ns: "hub", key },
      params: {
        name: person.name,
        title: event.title,
        hub: event.hubName,
        when: formatEventRange(event.startsAt.toISOString(), event.endsAt.toISOString(), person.locale),
        path: `/hubs/${event.hubId}`,
      },
    });
  }
}

async function lockEvent(db: Db, hubId: string, eventId: string) {
  return db
    .selectFrom("hub_events as e")
    .innerJoin("hubs as h", "h.id", "e.hub_id")
    .select(["e.id", "e.title", "e.description", "e.starts_at", "e.ends_at", "e.capacity", "h.name as hub_name"])
    .where("e.id", "=", eventId)
    .where("e.hub_id", "=", hubId)
    .forUpdate("e")
    .executeTakeFirst();
}

/**
 * Changes an upcoming event. The places can't drop below the people already signed up; when the
 * time moves, each of them gets an e-mail.
 */
export async function updateHubEvent(
  db: Db,
  user: CurrentUser,
  input: { hubId: string; eventId: string; event: EventInput; now?: Date },
): Promise<EventWriteResult> {
  await requireManagedHub(db, user, input.hubId, input.eventId);
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx): Promise<EventWriteResult> => {
    const current = await lockEvent(trx, input.hubId, input.eventId);
    if (!current) return { ok: false, errors: { _form: "errors.eventGone" } };
    if (current.starts_at.getTime() <= now.getTime()) return { ok: false, errors: { _form: "errors.eventStarted" } };
    const problems = timeProblems(input.event, now);
    if (problems) return { ok: false, errors: problems };
    const { n } = await trx
      .selectFrom("hub_event_signups")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("event_id", "=", current.id)
      .executeTakeFirstOrThrow();
    if (input.event.capacity < Number(n)) return { ok: false, errors: { capacity: "errors.capacityBelowSignups" } };

    const changed = (
      [
        ["title", current.title !== input.event.title],
        ["description", current.description !== input.event.description],
        ["startsAt", current.starts_at.getTime() !== input.event.startsAt.getTime()],
        ["endsAt", current.ends_at.getTime() !== input.event.endsAt.getTime()],
        ["capacity", current.capacity !== input.event.capacity],
      ] as const
    )
      .filter(([, differs]) => differs)
      .map(([field]) => field);
    if (changed.length === 0) return { ok: true, eventId: current.id };

    await trx
      .updateTable("hub_events")
      .set({
        title: input.event.title,
        description: input.event.description,
        starts_at: input.event.startsAt,
        ends_at: input.event.endsAt,
        capacity: input.event.capacity,
      })
      .where("id", "=", current.id)
      .execute();
    if (changed.includes("startsAt") || changed.includes("endsAt")) {
      await notifyAttendees(trx, await attendeesOf(trx, current.id), "emails.eventChanged", {
        hubId: input.hubId,
        hubName: current.hub_name,
        title: input.event.title,
        startsAt: input.event.startsAt,
        endsAt: input.event.endsAt,
      });
    }
    await recordAudit(trx, {
      actorUserId: user.id,
      action: "hub_event.update",
      subjectType: "hub_event",
      subjectId: current.id,
      details: { hubId: input.hubId, changed, startsAt: input.event.startsAt.toISOString(), capacity: input.event.capacity },
    });
    return { ok: true, eventId: current.id };
  });
}

export type CancelEventResult = { ok: true; notified: number } | { ok: false; errors: FieldErrors };

/**
 * Cancels an upcoming event: it and its places are removed and everyone who had one is told by
 * e-mail. The audit row keeps what was cancelled (ids, time and how many places, no names).
 */
export async function cancelHubEvent(db: Db, user: CurrentUser, input: { hubId: string; eventId: string; now?: Date }): Promise<CancelEventResult> {
  await requireManagedHub(db, user, input.hubId, input.eventId);
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx): Promise<CancelEventResult> => {
    const current = await lockEvent(trx, input.hubId, input.eventId);
    if (!current) return { ok: false, errors: { _form: "errors.eventGone" } };
    if (current.starts_at.getTime() <= now.getTime()) return { ok: false, errors: { _form: "errors.eventStarted" } };
    const attendees = await attendeesOf(trx, current.id);
    const { numDeletedRows: signups } = await trx.deleteFrom("hub_event_signups").where("event_id", "=", current.id).executeTakeFirst();
    await trx.deleteFrom("hub_events").where("id", "=", current.id).execute();
    await notifyAttendees(trx, attendees, "emails.eventCancelled", {
      hubId: input.hubId,
      hubName: current.hub_name,
      title: current.title,
      startsAt: current.starts_at,
      endsAt: current.ends_at,
    });
    await recordAudit(trx, {
      actorUserId: user.id,
      action: "hub_event.cancel",
      subjectType: "hub_event",
      subjectId: current.id,
      details: { hubId: input.hubId, startsAt: current.starts_at.toISOString(), capacity: current.capacity, signups: Number(signups) },
    });
    return { ok: true, notified: attendees.length };
  });
}

/**
 * For account deletion and data export (app/domain/accounts/gdpr.server.ts may call these): a
 * person's places, and removing them all.
 */
export async function hubSignupsOfUser(db: Db, userId: string) {
  return db
    .selectFrom("hub_event_signups as s")
    .innerJoin("hub_events as e", "e.id", "s.event_id")
    .innerJoin("hubs as h", "h.id", "e.hub_id")
    .select(["h.name as hub", "e.title as event", "e.starts_at as startsAt", "s.created_at as signedUpAt"])
    .where("s.user_id", "=", userId)
    .orderBy("e.starts_at")
    .execute();
}

export async function removeHubSignupsOfUser(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom("hub_event_signups").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
