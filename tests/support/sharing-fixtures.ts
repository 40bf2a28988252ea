import crypto from "node:crypto";
import { sql } from "kysely";
import type { DB } from "../../db/client";
import type { CurrentUser } from "../../app/domain/accounts/current-user";
import { emptyNeedRaw, type NeedRaw } from "../../app/domain/sharing/need-schemas";
import { insertUser } from "./booking-fixtures";

/**
 * Rows and forms for the shared-services tests: families, condominiums (written straight into the
 * database: the condominium flow is tested in its own module), need forms as a browser sends them,
 * and the e-mails and jobs the domain queued.
 */

export { insertUser };

/** Weekdays Monday to Friday, as the form's checkboxes send them. */
export const MON_FRI = ["1", "2", "3", "4", "5"];

/** A need form as typed: Monday–Friday 16:30–18:30 in DUOMO unless told otherwise. */
export function needForm(overrides: Partial<NeedRaw> & { days?: string[]; from?: string; to?: string } = {}): NeedRaw {
  const { days, from, to, ...rest } = overrides;
  return emptyNeedRaw({
    category: "babysitter",
    windows: [
      { days: days ?? MON_FRI, from: from ?? "16:30", to: to ?? "18:30" },
      { days: [], from: "", to: "" },
      { days: [], from: "", to: "" },
    ],
    address: "Via Padova 21",
    quartiereId: "1",
    details: "Bambini da prendere a scuola",
    ...rest,
  });
}

let places = 0;
/**
 * A spot of its own for each scenario (about 2 km from the previous one), so the needs of one
 * test are never grouped with another test's.
 */
export function nextPlace(): { lat: string; lng: string } {
  places += 1;
  const lat = 45.42 + 0.018 * (places % 10);
  const lng = 9.12 + 0.03 * Math.floor(places / 10);
  return { lat: lat.toFixed(5), lng: lng.toFixed(5) };
}

export async function insertFamily(db: DB, name?: string): Promise<CurrentUser> {
  return insertUser(db, { roles: ["family"], name: name ?? `Famiglia ${crypto.randomBytes(3).toString("hex")}` });
}

/** A condominium with these people as residents. */
export async function insertCondominium(db: DB, residents: CurrentUser[], quartiereId = 1): Promise<string> {
  const centre = await db.selectFrom("quartieri").select(["lat", "lng"]).where("id", "=", quartiereId).executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto("condominiums")
    .values({
      name: `Condominio ${crypto.randomBytes(3).toString("hex")}`,
      address: "Via Padova 21",
      quartiere_id: quartiereId,
      lat: centre.lat,
      lng: centre.lng,
      units: 20,
      invite_code: crypto.randomBytes(4).toString("hex").toUpperCase(),
      created_by: residents[0]?.id ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (residents.length > 0) {
    await db.insertInto("condominium_members").values(residents.map((r) => ({ condominium_id: id, user_id: r.id }))).execute();
  }
  return id;
}

export interface QueuedEmail {
  to: string;
  locale: string;
  template: { ns: string; key: string };
  params: Record<string, string>;
}

/** The e-mails waiting in the job queue (not yet sent), oldest first. */
export async function queuedEmails(db: DB): Promise<QueuedEmail[]> {
  const { rows } = await sql<{ payload: QueuedEmail }>`
    select j.payload from graphile_worker._private_jobs j
    join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = 'send_email' order by j.id`.execute(db);
  return rows.map((r) => r.payload);
}

/** Drops the queued e-mails (so a test reads only its own). */
export async function clearQueuedEmails(db: DB): Promise<void> {
  await sql`delete from graphile_worker._private_jobs j using graphile_worker._private_tasks t
    where t.id = j.task_id and t.identifier = 'send_email'`.execute(db);
}

export async function pendingAggregationJobs(db: DB): Promise<Array<{ key: string | null; runAt: Date }>> {
  const { rows } = await sql<{ key: string | null; run_at: Date }>`
    select key, run_at from graphile_worker.jobs where task_identifier = 'aggregate_needs' order by id`.execute(db);
  return rows.map((r) => ({ key: r.key, runAt: r.run_at }));
}
