import { sql, type Kysely } from "kysely";
import type { Database } from "../../../../db/schema";
import type { CurrentUser } from "~/domain/accounts/current-user";
import { listMunicipi, listQuartieri, type MunicipioSummary, type QuartiereSummary } from "~/domain/territory/territory.server";
import { isUuid } from "~/utils/uuid";
import { managesQuartieri } from "./hub-access.server";
import type { HubFilters } from "./hub-schemas";
import { openingHoursSchema, openingStatus, type OpeningStatus, type OpeningWindow } from "./opening-hours";

/**
 * What anyone may read about the hubs (the physical neighbourhood desks, in the spirit of the
 * "spazi WeMi"): where they are, which quartieri they serve, when they are open, their upcoming
 * events with the places left. Nobody's sign-up is visible here except one's own.
 */

type Db = Kysely<Database>;

export interface HubQuartiere {
  id: number;
  name: string;
}

export interface HubEventView {
  id: string;
  hubId: string;
  title: string;
  description: string;
  /** ISO instants. */
  startsAt: string;
  endsAt: string;
  capacity: number;
  signups: number;
  placesLeft: number;
  /** The person asking has a place. */
  signedUp: boolean;
  /** Still ahead, so one may sign up (if places are left) or cancel. */
  upcoming: boolean;
}

export interface HubView {
  id: string;
  name: string;
  address: string;
  lat: number;
  lng: number;
  quartieri: HubQuartiere[];
  openingHours: OpeningWindow[];
  status: OpeningStatus;
}

/** How many upcoming events the list shows per hub. */
export const NEXT_EVENTS_IN_LIST = 2;
/** How many upcoming events a hub's page shows. */
export const UPCOMING_EVENTS_ON_PAGE = 50;

/** The stored hours, read defensively: a row that somehow fails the rules shows no hours. */
export function readOpeningHours(value: unknown): OpeningWindow[] {
  const parsed = openingHoursSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}

async function quartieriOfHubs(db: Db, hubIds: string[]): Promise<Map<string, HubQuartiere[]>> {
  const byHub = new Map<string, HubQuartiere[]>();
  if (hubIds.length === 0) return byHub;
  const rows = await db
    .selectFrom("hub_quartieri as hq")
    .innerJoin("quartieri as q", "q.id", "hq.quartiere_id")
    .select(["hq.hub_id", "q.id", "q.name"])
    .where("hq.hub_id", "in", hubIds)
    .orderBy("q.name")
    .execute();
  for (const row of rows) {
    const list = byHub.get(row.hub_id) ?? [];
    list.push({ id: row.id, name: row.name });
    byHub.set(row.hub_id, list);
  }
  return byHub;
}

type EventRow = { id: string; hub_id: string; title: string; description: string; starts_at: Date; ends_at: Date; capacity: number };

/** Events with their sign-up counts and whether `userId` holds a place. */
export async function eventViews(db: Db, events: EventRow[], userId: string | null, now: Date): Promise<HubEventView[]> {
  if (events.length === 0) return [];
  const ids = events.map((e) => e.id);
  const [counts, mine] = await Promise.all([
    db
      .selectFrom("hub_event_signups")
      .select(["event_id", (eb) => eb.fn.countAll<string>().as("n")])
      .where("event_id", "in", ids)
      .groupBy("event_id")
      .execute(),
    userId
      ? db.selectFrom("hub_event_signups").select("event_id").where("event_id", "in", ids).where("user_id", "=", userId).execute()
      : Promise.resolve([]),
  ]);
  const countOf = new Map(counts.map((c) => [c.event_id, Number(c.n)]));
  const signedUp = new Set(mine.map((m) => m.event_id));
  return events.map((e) => {
    const signups = countOf.get(e.id) ?? 0;
    return {
      id: e.id,
      hubId: e.hub_id,
      title: e.title,
      description: e.description,
      startsAt: e.starts_at.toISOString(),
      endsAt: e.ends_at.toISOString(),
      capacity: e.capacity,
      signups,
      placesLeft: Math.max(0, e.capacity - signups),
      signedUp: signedUp.has(e.id),
      upcoming: e.starts_at.getTime() > now.getTime(),
    };
  });
}

const eventColumns = ["e.id", "e.hub_id", "e.title", "e.description", "e.starts_at", "e.ends_at", "e.capacity"] as const;

export interface HubListItem extends HubView {
  nextEvents: HubEventView[];
}

export interface HubList {
  hubs: HubListItem[];
  filters: HubFilters;
  quartieri: QuartiereSummary[];
  municipi: MunicipioSummary[];
}

/** Every hub (by name), or those covering a quartiere or a quartiere of a municipio, each with its next events. */
export async function listHubs(db: Db, filters: HubFilters, options: { now: Date; user?: CurrentUser | null }): Promise<HubList> {
  const { now } = options;
  let query = db.selectFrom("hubs as h").select(["h.id", "h.name", "h.address", "h.lat", "h.lng", "h.opening_hours"]).orderBy("h.name").orderBy("h.id");
  if (filters.quartiereId !== undefined) {
    const quartiereId = filters.quartiereId;
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom("hub_quartieri as hq").select("hq.hub_id").whereRef("hq.hub_id", "=", "h.id").where("hq.quartiere_id", "=", quartiereId)),
    );
  }
  if (filters.municipioId !== undefined) {
    const municipioId = filters.municipioId;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("hub_quartieri as hq")
          .innerJoin("quartiere_municipi as qm", "qm.quartiere_id", "hq.quartiere_id")
          .select("hq.hub_id")
          .whereRef("hq.hub_id", "=", "h.id")
          .where("qm.municipio_id", "=", municipioId),
      ),
    );
  }
  const [rows, quartieri, municipi] = await Promise.all([query.execute(), listQuartieri(db), listMunicipi(db)]);
  const ids = rows.map((r) => r.id);
  const [quartieriByHub, upcoming] = await Promise.all([
    quartieriOfHubs(db, ids),
    ids.length === 0
      ? Promise.resolve([] as EventRow[])
      : db
          .selectFrom((eb) =>
            eb
              .selectFrom("hub_events as e")
              .select([...eventColumns, sql<number>`row_number() over (partition by e.hub_id order by e.starts_at, e.id)`.as("rank")])
              .where("e.hub_id", "in", ids)
              .where("e.starts_at", ">", now)
              .as("ranked"),
          )
          .select(["id", "hub_id", "title", "description", "starts_at", "ends_at", "capacity"])
          .where("rank", "<=", NEXT_EVENTS_IN_LIST)
          .orderBy("starts_at")
          .execute(),
  ]);
  const events = await eventViews(db, upcoming, options.user?.id ?? null, now);
  const hubs = rows.map((row) => {
    const openingHours = readOpeningHours(row.opening_hours);
    return {
      id: row.id,
      name: row.name,
      address: row.address,
      lat: row.lat,
      lng: row.lng,
      quartieri: quartieriByHub.get(row.id) ?? [],
      openingHours,
      status: openingStatus(openingHours, now),
      nextEvents: events.filter((e) => e.hubId === row.id),
    };
  });
  return { hubs, filters, quartieri, municipi };
}

/** One hub's basics, or null. */
export async function getHubView(db: Db, hubId: string, now: Date): Promise<HubView | null> {
  if (!isUuid(hubId)) return null;
  const row = await db.selectFrom("hubs").select(["id", "name", "address", "lat", "lng", "opening_hours"]).where("id", "=", hubId).executeTakeFirst();
  if (!row) return null;
  const quartieri = (await quartieriOfHubs(db, [row.id])).get(row.id) ?? [];
  const openingHours = readOpeningHours(row.opening_hours);
  return { id: row.id, name: row.name, address: row.address, lat: row.lat, lng: row.lng, quartieri, openingHours, status: openingStatus(openingHours, now) };
}

export interface HubPage {
  hub: HubView;
  /** Upcoming events, soonest first. */
  events: HubEventView[];
  /** The upcoming events here the person asking has signed up for. */
  mySignups: HubEventView[];
  /** The person asking manages this hub (link to the operator page). */
  canManage: boolean;
}

/** A hub's public page; null when there is no such hub. */
export async function getHubPage(db: Db, hubId: string, options: { now: Date; user: CurrentUser | null }): Promise<HubPage | null> {
  const hub = await getHubView(db, hubId, options.now);
  if (!hub) return null;
  const rows = await db
    .selectFrom("hub_events as e")
    .select(eventColumns)
    .where("e.hub_id", "=", hub.id)
    .where("e.starts_at", ">", options.now)
    .orderBy("e.starts_at")
    .orderBy("e.id")
    .limit(UPCOMING_EVENTS_ON_PAGE)
    .execute();
  const events = await eventViews(db, rows, options.user?.id ?? null, options.now);
  return {
    hub,
    events,
    mySignups: events.filter((e) => e.signedUp),
    canManage: managesQuartieri(options.user, hub.quartieri.map((q) => q.id)),
  };
}

export interface HubEventPage {
  hub: HubView;
  event: HubEventView;
  canManage: boolean;
}

/** One event of a hub (past ones too, marked so); null when there is no such event at that hub. */
export async function getHubEventPage(
  db: Db,
  hubId: string,
  eventId: string,
  options: { now: Date; user: CurrentUser | null },
): Promise<HubEventPage | null> {
  if (!isUuid(eventId)) return null;
  const hub = await getHubView(db, hubId, options.now);
  if (!hub) return null;
  const row = await db.selectFrom("hub_events as e").select(eventColumns).where("e.id", "=", eventId).where("e.hub_id", "=", hub.id).executeTakeFirst();
  if (!row) return null;
  const [event] = await eventViews(db, [row], options.user?.id ?? null, options.now);
  return { hub, event: event!, canManage: managesQuartieri(options.user, hub.quartieri.map((q) => q.id)) };
}
