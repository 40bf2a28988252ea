import crypto from "node:crypto";
import { sql } from "kysely";
import type { DB } from "../../db/client";
import type { CurrentUser } from "../../app/domain/accounts/current-user";
import type { RequestRaw } from "../../app/domain/bookings/booking-schemas";
import { requestBooking } from "../../app/domain/bookings/request-booking.server";
import { addDays, isoWeekday, romeInstant, romeLocal } from "../../app/domain/bookings/schedule";
import { insertUser } from "./booking-fixtures";
import { insertProvider, type ProviderFixture } from "./provider-fixtures";

/**
 * Helpers for the bookings' integration tests: dates relative to today in Milan (requests can
 * never be in the past), a public provider with an owner and weekly hours, and a request made
 * through the real domain function.
 */

/** The first day with this ISO weekday at least `daysAhead` days after today (Milan). */
export function nextWeekday(weekday: number, daysAhead = 14): string {
  let day = addDays(romeLocal(new Date()).date, daysAhead);
  while (isoWeekday(day) !== weekday) day = addDays(day, 1);
  return day;
}

/** An instant `minutes` after the given local time in Milan. */
export const milan = (date: string, minute: number, plusMinutes = 0) => new Date(romeInstant(date, minute).getTime() + plusMinutes * 60_000);

export interface TestProvider {
  providerId: string;
  owner: CurrentUser;
  name: string;
}

/** A verified, active provider with an owner; by default babysitting at €12/h, Mon–Fri 15:00–19:00. */
export async function insertBookableProvider(db: DB, fixture: Partial<ProviderFixture> = {}): Promise<TestProvider> {
  const name = fixture.displayName ?? `Tata ${crypto.randomBytes(3).toString("hex")}`;
  const providerId = await insertProvider(db, {
    displayName: name,
    services: [{ slug: "babysitter", cents: 1200 }],
    slots: [1, 2, 3, 4, 5].map((d) => [d, "15:00", "19:00"] as [number, string, string]),
    ...fixture,
  });
  const owner = await insertUser(db, { roles: ["provider"], name });
  await db.insertInto("provider_members").values({ provider_id: providerId, user_id: owner.id, member_role: "owner" }).execute();
  return { providerId, owner, name };
}

export const newFamily = (db: DB, name = `Famiglia ${crypto.randomBytes(3).toString("hex")}`) => insertUser(db, { roles: ["family"], name });

/** What a family types for "Mon and Wed 16:30–18:30 for four weeks from the first Monday in two weeks". */
export function weeklyRequest(overrides: Partial<RequestRaw> = {}): RequestRaw {
  const monday = nextWeekday(1);
  return {
    category: "babysitter",
    kind: "recurring",
    date: "",
    weekdays: ["1", "3"],
    firstDate: monday,
    lastDate: addDays(monday, 27),
    startTime: "16:30",
    endTime: "18:30",
    quartiere: "2",
    address: "Via Solferino 12, Milano",
    careNotes: "Due bambini, 4 e 7 anni",
    phone: "+39 333 123 4567",
    message: "Buongiorno, ci servirebbe aiuto dopo la scuola.",
    ...overrides,
  };
}

/** Requests through the domain and returns the new booking's id (fails the test otherwise). */
export async function requestOk(db: DB, family: CurrentUser, providerId: string, raw: RequestRaw = weeklyRequest()): Promise<string> {
  const result = await requestBooking(db, family, { providerId, raw });
  if (!result || !result.ok) throw new Error(`request refused: ${JSON.stringify(result)}`);
  return result.bookingId;
}

export interface QueuedEmail {
  to: string;
  key: string;
  params: Record<string, string>;
}

/** send_email jobs of the booking namespace queued for a booking, oldest first. */
export async function bookingEmails(db: DB, bookingId: string): Promise<QueuedEmail[]> {
  const { rows } = await sql<{ payload: { to: string; template: { ns: string; key: string }; params: Record<string, string> } }>`
    select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = 'send_email' order by j.id`.execute(db);
  return rows
    .map((r) => r.payload)
    .filter((p) => p.template.ns === "booking" && p.params?.bookingId === bookingId)
    .map((p) => ({ to: p.to, key: p.template.key.replace(/^emails\./, ""), params: p.params }));
}

export const transitionsOf = (db: DB, bookingId: string) =>
  db.selectFrom("booking_transitions").select(["from_status", "to_status", "action", "actor_role", "actor_user_id", "note"]).where("booking_id", "=", bookingId).orderBy("id").execute();

export const bookingRow = (db: DB, bookingId: string) => db.selectFrom("bookings").selectAll().where("id", "=", bookingId).executeTakeFirstOrThrow();
