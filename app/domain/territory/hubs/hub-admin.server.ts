import type { Kysely } from "kysely";
import type { Database } from "../../../../db/schema";
import { AuthorisationError, type CurrentUser } from "~/domain/accounts/current-user";
import { recordAudit } from "~/domain/audit/audit-log.server";
import { listMunicipi, listQuartieri, type MunicipioSummary, type QuartiereSummary } from "~/domain/territory/territory.server";
import { assertCanCreateHub, assertHubStaff, isAdmin, requireManagedHub } from "./hub-access.server";
import type { FieldErrors, HubDetailsInput } from "./hub-schemas";
import { eventViews, getHubView, readOpeningHours, type HubEventView, type HubQuartiere, type HubView } from "./hubs.server";
import { openingHoursProblems, openingStatus, sortOpeningHours, type OpeningHoursProblem, type OpeningStatus, type OpeningWindow } from "./opening-hours";

/**
 * The operators' side of the hubs: the hubs one manages, a hub's page with the area around it,
 * and every change to a hub (details, coverage, opening hours). Each function settles who may act
 * first (hub-access.server.ts) and writes its audit row in the same transaction as the change.
 */

type Db = Kysely<Database>;

/** How far back the operator's page lists past events (with their sign-ups). */
export const PAST_EVENTS_DAYS = 30;

export interface ManagedHub {
  id: string;
  name: string;
  address: string;
  quartieri: HubQuartiere[];
  upcomingEvents: number;
  status: OpeningStatus;
}

export interface ManagedHubs {
  hubs: ManagedHub[];
  isAdmin: boolean;
  /** For an admin's "new hub" form; empty for operators. */
  quartieri: QuartiereSummary[];
  municipi: MunicipioSummary[];
}

/** The hubs covering any of an operator's quartieri (every hub for an admin). */
export async function listManagedHubs(db: Db, user: CurrentUser | null, options: { now?: Date } = {}): Promise<ManagedHubs> {
  assertHubStaff(user);
  const now = options.now ?? new Date();
  const admin = isAdmin(user);
  if (!admin && user.operatorQuartieri.length === 0) return { hubs: [], isAdmin: false, quartieri: [], municipi: [] };
  let query = db.selectFrom("hubs as h").select(["h.id", "h.name", "h.address", "h.opening_hours"]).orderBy("h.name").orderBy("h.id");
  if (!admin) {
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom("hub_quartieri as hq").select("hq.hub_id").whereRef("hq.hub_id", "=", "h.id").where("hq.quartiere_id", "in", user.operatorQuartieri)),
    );
  }
  const rows = await query.execute();
  const ids = rows.map((r) => r.id);
  const [coverage, counts, quartieri, municipi] = await Promise.all([
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("hub_quartieri as hq")
          .innerJoin("quartieri as q", "q.id", "hq.quartiere_id")
          .select(["hq.hub_id", "q.id", "q.name"])
          .where("hq.hub_id", "in", ids)
          .orderBy("q.name")
          .execute(),
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("hub_events")
          .select(["hub_id", (eb) => eb.fn.countAll<string>().as("n")])
          .where("hub_id", "in", ids)
          .where("starts_at", ">", now)
          .groupBy("hub_id")
          .execute(),
    admin ? listQuartieri(db) : Promise.resolve([]),
    admin ? listMunicipi(db) : Promise.resolve([]),
  ]);
  const countOf = new Map(counts.map((c) => [c.hub_id, Number(c.n)]));
  return {
    hubs: rows.map((row) => ({
      id: row.id,
      name: row.name,
      address: row.address,
      quartieri: coverage.filter((c) => c.hub_id === row.id).map((c) => ({ id: c.id, name: c.name })),
      upcomingEvents: countOf.get(row.id) ?? 0,
      status: openingStatus(readOpeningHours(row.opening_hours), now),
    })),
    isAdmin: admin,
    quartieri,
    municipi,
  };
}

export interface AreaSummaryRow {
  quartiereId: number;
  name: string;
  openNeeds: number;
  proposedGroups: number;
  formedGroups: number;
}

export interface AreaSummary {
  rows: AreaSummaryRow[];
  totals: { openNeeds: number; proposedGroups: number; formedGroups: number };
}

/** Open needs and proposed/formed shared groups in the quartieri a hub covers (counts only). */
export async function areaSummary(db: Db, quartieri: HubQuartiere[]): Promise<AreaSummary> {
  const ids = quartieri.map((q) => q.id);
  if (ids.length === 0) return { rows: [], totals: { openNeeds: 0, proposedGroups: 0, formedGroups: 0 } };
  const [needs, groups] = await Promise.all([
    db
      .selectFrom("needs")
      .select(["quartiere_id", (eb) => eb.fn.countAll<string>().as("n")])
      .where("status", "=", "open")
      .where("quartiere_id", "in", ids)
      .groupBy("quartiere_id")
      .execute(),
    db
      .selectFrom("shared_groups")
      .select(["quartiere_id", "status", (eb) => eb.fn.countAll<string>().as("n")])
      .where("status", "in", ["proposed", "formed"])
      .where("quartiere_id", "in", ids)
      .groupBy(["quartiere_id", "status"])
      .execute(),
  ]);
  const rows = quartieri.map((q) => ({
    quartiereId: q.id,
    name: q.name,
    openNeeds: Number(needs.find((n) => n.quartiere_id === q.id)?.n ?? 0),
    proposedGroups: Number(groups.find((g) => g.quartiere_id === q.id && g.status === "proposed")?.n ?? 0),
    formedGroups: Number(groups.find((g) => g.quartiere_id === q.id && g.status === "formed")?.n ?? 0),
  }));
  const sum = (key: "openNeeds" | "proposedGroups" | "formedGroups") => rows.reduce((total, row) => total + row[key], 0);
  return { rows, totals: { openNeeds: sum("openNeeds"), proposedGroups: sum("proposedGroups"), formedGroups: sum("formedGroups") } };
}

export interface OperatorHubPage {
  hub: HubView;
  upcoming: HubEventView[];
  /** Events of the last PAST_EVENTS_DAYS days, latest first. */
  past: HubEventView[];
  area: AreaSummary;
  isAdmin: boolean;
  /** For an admin's coverage choice; empty for operators. */
  quartieri: QuartiereSummary[];
  municipi: MunicipioSummary[];
}

/** A hub as its operators manage it. Throws AuthorisationError / HubNotFoundError. */
export async function getHubForOperator(db: Db, user: CurrentUser | null, hubId: string, options: { now?: Date } = {}): Promise<OperatorHubPage> {
  await requireManagedHub(db, user, hubId);
  const now = options.now ?? new Date();
  const hub = (await getHubView(db, hubId, now))!;
  const admin = isAdmin(user);
  const since = new Date(now.getTime() - PAST_EVENTS_DAYS * 86_400_000);
  const events = await db
    .selectFrom("hub_events as e")
    .select(["e.id", "e.hub_id", "e.title", "e.description", "e.starts_at", "e.ends_at", "e.capacity"])
    .where("e.hub_id", "=", hubId)
    .where("e.starts_at", ">", since)
    .orderBy("e.starts_at")
    .orderBy("e.id")
    .limit(200)
    .execute();
  const [views, area, quartieri, municipi] = await Promise.all([
    eventViews(db, events, null, now),
    areaSummary(db, hub.quartieri),
    admin ? listQuartieri(db) : Promise.resolve([]),
    admin ? listMunicipi(db) : Promise.resolve([]),
  ]);
  return {
    hub,
    upcoming: views.filter((e) => e.upcoming),
    past: views.filter((e) => !e.upcoming).reverse(),
    area,
    isAdmin: admin,
    quartieri,
    municipi,
  };
}

export interface EventSignup {
  name: string;
  email: string;
  signedUpAt: string;
}

export interface OperatorEventPage {
  hub: HubView;
  event: HubEventView;
  signups: EventSignup[];
}

/**
 * An event with the people signed up (names and e-mails: only for the hub's operators). Looking
 * at the list is recorded in the audit log, as reading personal data is.
 */
export async function getHubEventForOperator(
  db: Db,
  user: CurrentUser | null,
  hubId: string,
  eventId: string,
  options: { now?: Date } = {},
): Promise<OperatorEventPage> {
  await requireManagedHub(db, user, hubId, eventId);
  const now = options.now ?? new Date();
  const hub = (await getHubView(db, hubId, now))!;
  const row = await db
    .selectFrom("hub_events as e")
    .select(["e.id", "e.hub_id", "e.title", "e.description", "e.starts_at", "e.ends_at", "e.capacity"])
    .where("e.id", "=", eventId)
    .executeTakeFirstOrThrow();
  const [[event], signups] = await Promise.all([
    eventViews(db, [row], null, now),
    db
      .selectFrom("hub_event_signups as s")
      .innerJoin("users as u", "u.id", "s.user_id")
      .select(["u.display_name", "u.email", "s.created_at"])
      .where("s.event_id", "=", eventId)
      .where("u.deleted_at", "is", null)
      .orderBy("s.created_at")
      .orderBy("u.email")
      .execute(),
  ]);
  await recordAudit(db, {
    actorUserId: user!.id,
    action: "hub_event.signups.view",
    subjectType: "hub_event",
    subjectId: eventId,
    details: { hubId, count: signups.length },
  });
  return {
    hub,
    event: event!,
    signups: signups.map((s) => ({ name: s.display_name ?? s.email, email: s.email, signedUpAt: s.created_at.toISOString() })),
  };
}

export type HubWriteResult = { ok: true; hubId: string } | { ok: false; errors: FieldErrors };

async function unknownQuartieri(db: Db, ids: number[]): Promise<boolean> {
  if (ids.length === 0) return false;
  const found = await db.selectFrom("quartieri").select("id").where("id", "in", ids).execute();
  return found.length !== new Set(ids).size;
}

/** Each quartiere once, in id order (how hub_quartieri is read back). */
function normaliseCoverage(ids: number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** Where a hub is when no coordinates are given: the centre of the first quartiere it covers. */
async function centroidOf(db: Db, quartiereId: number): Promise<{ lat: number; lng: number }> {
  return db.selectFrom("quartieri").select(["lat", "lng"]).where("id", "=", quartiereId).executeTakeFirstOrThrow();
}

/** A new hub and the quartieri it covers: admins only. */
export async function createHub(db: Db, user: CurrentUser | null, request: HubDetailsInput & { quartieri: number[] }): Promise<HubWriteResult> {
  assertCanCreateHub(user);
  const input = { ...request, quartieri: normaliseCoverage(request.quartieri) };
  if (input.quartieri.length === 0) return { ok: false, errors: { quartieri: "errors.quartieriRequired" } };
  if (await unknownQuartieri(db, input.quartieri)) return { ok: false, errors: { quartieri: "errors.quartiereUnknown" } };
  const place = input.lat !== null && input.lng !== null ? { lat: input.lat, lng: input.lng } : await centroidOf(db, input.quartieri[0]!);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("hubs")
      .values({ name: input.name, address: input.address, lat: place.lat, lng: place.lng, opening_hours: "[]" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("hub_quartieri").values(input.quartieri.map((q) => ({ hub_id: id, quartiere_id: q }))).execute();
    await recordAudit(trx, { actorUserId: user.id, action: "hub.create", subjectType: "hub", subjectId: id, details: { quartieri: input.quartieri } });
    return { ok: true as const, hubId: id };
  });
}

/**
 * A hub's name, address and place (its operators, an admin); the quartieri covered only by an
 * admin — an operator sending them is refused, since it could hand the hub to other quartieri.
 */
export async function updateHubDetails(db: Db, user: CurrentUser | null, hubId: string, request: HubDetailsInput): Promise<HubWriteResult> {
  const input = { ...request, quartieri: request.quartieri === undefined ? undefined : normaliseCoverage(request.quartieri) };
  const covered = await requireManagedHub(db, user, hubId);
  if (input.quartieri !== undefined && !isAdmin(user)) throw new AuthorisationError("only an admin changes the quartieri a hub covers");
  if (input.quartieri !== undefined) {
    if (input.quartieri.length === 0) return { ok: false, errors: { quartieri: "errors.quartieriRequired" } };
    if (await unknownQuartieri(db, input.quartieri)) return { ok: false, errors: { quartieri: "errors.quartiereUnknown" } };
  }
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("hubs").select(["name", "address", "lat", "lng"]).where("id", "=", hubId).forUpdate().executeTakeFirstOrThrow();
    const place =
      input.lat !== null && input.lng !== null
        ? { lat: input.lat, lng: input.lng }
        : { lat: current.lat, lng: current.lng };
    const changed: string[] = [];
    if (current.name !== input.name) changed.push("name");
    if (current.address !== input.address) changed.push("address");
    if (current.lat !== place.lat || current.lng !== place.lng) changed.push("place");
    const coverage = input.quartieri;
    const coverageChanged = coverage !== undefined && (coverage.length !== covered.length || coverage.some((q, i) => q !== covered[i]));
    if (coverageChanged) changed.push("quartieri");
    if (changed.length === 0) return { ok: true as const, hubId };

    await trx.updateTable("hubs").set({ name: input.name, address: input.address, lat: place.lat, lng: place.lng }).where("id", "=", hubId).execute();
    if (coverageChanged) {
      await trx.deleteFrom("hub_quartieri").where("hub_id", "=", hubId).execute();
      await trx.insertInto("hub_quartieri").values(coverage!.map((q) => ({ hub_id: hubId, quartiere_id: q }))).execute();
    }
    await recordAudit(trx, {
      actorUserId: user!.id,
      action: "hub.update",
      subjectType: "hub",
      subjectId: hubId,
      details: coverageChanged ? { changed, quartieriBefore: covered, quartieri: coverage } : { changed },
    });
    return { ok: true as const, hubId };
  });
}

export type HoursWriteResult = { ok: true } | { ok: false; problems: OpeningHoursProblem[] };

/** Replaces a hub's weekly opening hours (end after start, weekdays 1–7, no overlaps on a day). */
export async function updateHubOpeningHours(db: Db, user: CurrentUser | null, hubId: string, hours: OpeningWindow[]): Promise<HoursWriteResult> {
  await requireManagedHub(db, user, hubId);
  const problems = openingHoursProblems(hours);
  if (problems.length > 0) return { ok: false, problems };
  const sorted = sortOpeningHours(hours);
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("hubs").select("opening_hours").where("id", "=", hubId).forUpdate().executeTakeFirstOrThrow();
    if (JSON.stringify(readOpeningHours(current.opening_hours)) === JSON.stringify(sorted)) return;
    await trx.updateTable("hubs").set({ opening_hours: JSON.stringify(sorted) }).where("id", "=", hubId).execute();
    await recordAudit(trx, { actorUserId: user!.id, action: "hub.hours.update", subjectType: "hub", subjectId: hubId, details: { hours: sorted } });
  });
  return { ok: true };
}
