import crypto from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { OpeningWindow } from "../../app/domain/territory/hubs/opening-hours.js";
import { addDays, isoWeekdayOf, parseTimeOfDay, romeWallClock, romeWallTimeToInstant } from "../../app/domain/territory/hubs/rome-time.js";
import type { Database } from "../schema.js";

/**
 * Demo neighbourhood hubs for Milan: fictional "Spazio Vicinato" desks in the spirit of the
 * spazi WeMi, at plausible addresses in the NIL quartieri they cover (ids from
 * data/milano-nil-centroids.csv), with weekly opening hours and a few upcoming events.
 * Deterministic: the same hubs and event ids every time, events on the same weekdays after the
 * day given. Loaded on start only while there is no hub at all (demo-if-empty.ts).
 */

interface DemoEvent {
  title: string;
  description: string;
  /** ISO weekday the event falls on, the first one after the seeding day… */
  weekday: number;
  /** …plus this many weeks. */
  weeksAhead: number;
  start: string;
  minutes: number;
  capacity: number;
}

interface DemoHub {
  key: string;
  name: string;
  address: string;
  lat: number;
  lng: number;
  quartieri: number[];
  hours: Array<[weekdays: number[], start: string, end: string]>;
  events: DemoEvent[];
}

const openDay = (weekday: number, weeksAhead: number, hub: string): DemoEvent => ({
  title: "Open day: conosci lo Spazio Vicinato",
  description: `Una mattina per conoscere ${hub}: chi ci lavora, quali servizi trovi allo sportello, come chiedere aiuto per la cura dei figli, degli anziani e della casa. Ci sarà un piccolo rinfresco.`,
  weekday,
  weeksAhead,
  start: "10:00",
  minutes: 120,
  capacity: 40,
});

const financialEducation = (weekday: number, weeksAhead: number): DemoEvent => ({
  title: "Educazione finanziaria: il bilancio di famiglia",
  description:
    "Un incontro pratico per tenere in ordine entrate e spese di casa, capire le bollette e mettere da parte qualcosa ogni mese. Porta, se vuoi, un estratto conto o una bolletta recente: nessuno li vedrà tranne te.",
  weekday,
  weeksAhead,
  start: "18:00",
  minutes: 90,
  capacity: 20,
});

const carersDesk = (weekday: number, weeksAhead: number): DemoEvent => ({
  title: "Assumere una badante: contratto, contributi e ferie",
  description:
    "Le regole del contratto nazionale del lavoro domestico spiegate con esempi: come si assume, quanto costa davvero, come si pagano i contributi all'INPS, ferie e tredicesima. Con un'operatrice del patronato.",
  weekday,
  weeksAhead,
  start: "17:30",
  minutes: 90,
  capacity: 15,
});

const digitalCafe = (weekday: number, weeksAhead: number): DemoEvent => ({
  title: "Caffè digitale: SPID, CIE e servizi online del Comune",
  description:
    "Aiuto passo passo per attivare SPID o la Carta d'identità elettronica e usarli sul Fascicolo del cittadino: certificati, iscrizioni ai servizi per l'infanzia, pagamenti. Porta il tuo telefono e un documento.",
  weekday,
  weeksAhead,
  start: "15:00",
  minutes: 120,
  capacity: 12,
});

const sharedAfterSchool = (weekday: number, weeksAhead: number): DemoEvent => ({
  title: "Doposcuola condiviso: incontro tra famiglie",
  description:
    "Per le famiglie che vorrebbero dividere un educatore o una babysitter per il doposcuola con altre famiglie del quartiere: come funziona, quanto si risparmia, come si forma un gruppo su Vicinato.",
  weekday,
  weeksAhead,
  start: "17:00",
  minutes: 60,
  capacity: 25,
});

const familyBenefits = (weekday: number, weeksAhead: number): DemoEvent => ({
  title: "Bonus e agevolazioni per le famiglie: come fare domanda",
  description:
    "ISEE, assegno unico, bonus asilo nido e agevolazioni del Comune: che cosa spetta e come si chiede. Con il CAF di zona; si può prenotare un appuntamento individuale.",
  weekday,
  weeksAhead,
  start: "10:00",
  minutes: 90,
  capacity: 30,
});

const italianForParents = (weekday: number, weeksAhead: number): DemoEvent => ({
  title: "Italiano per genitori: conversazione",
  description:
    "Un'ora di conversazione in italiano su scuola, salute e servizi del quartiere, per mamme e papà che stanno imparando la lingua. Con i volontari dell'associazione di quartiere; c'è uno spazio gioco per i più piccoli.",
  weekday,
  weeksAhead,
  start: "09:30",
  minutes: 60,
  capacity: 15,
});

const weekdaysMonFri = [1, 2, 3, 4, 5];

export const demoHubs: readonly DemoHub[] = [
  {
    key: "loreto",
    name: "Spazio Vicinato Loreto",
    address: "Via Padova 21, 20127 Milano",
    lat: 45.49052,
    lng: 9.21861,
    quartieri: [20, 19, 10],
    hours: [
      [weekdaysMonFri, "09:00", "13:00"],
      [weekdaysMonFri, "14:00", "18:00"],
      [[6], "09:30", "12:30"],
    ],
    events: [openDay(6, 0, "lo Spazio Vicinato Loreto"), financialEducation(2, 0), italianForParents(4, 1), carersDesk(3, 2)],
  },
  {
    key: "corvetto",
    name: "Spazio Vicinato Corvetto",
    address: "Piazzale Gabrio Rosa 8, 20139 Milano",
    lat: 45.43896,
    lng: 9.22247,
    quartieri: [35, 33, 36, 29],
    hours: [
      [[1, 3, 5], "09:00", "13:00"],
      [[2, 4], "14:00", "19:00"],
    ],
    events: [familyBenefits(3, 0), financialEducation(4, 1), sharedAfterSchool(2, 2)],
  },
  {
    key: "giambellino",
    name: "Spazio Vicinato Giambellino",
    address: "Via Giambellino 58, 20146 Milano",
    lat: 45.44861,
    lng: 9.14052,
    quartieri: [49, 53, 52],
    hours: [
      [[1, 2, 3, 4, 5], "09:30", "13:00"],
      [[1, 2, 3, 4], "14:30", "18:30"],
    ],
    events: [digitalCafe(2, 0), carersDesk(4, 1), italianForParents(1, 2)],
  },
  {
    key: "niguarda",
    name: "Spazio Vicinato Niguarda",
    address: "Via Hermada 8, 20162 Milano",
    lat: 45.51748,
    lng: 9.19294,
    quartieri: [14, 15, 84, 13],
    hours: [
      [[2, 3, 4, 5, 6], "10:00", "13:00"],
      [[2, 4], "15:00", "18:00"],
    ],
    events: [openDay(6, 1, "lo Spazio Vicinato Niguarda"), sharedAfterSchool(4, 0), digitalCafe(2, 2)],
  },
  {
    key: "quarto-oggiaro",
    name: "Spazio Vicinato Quarto Oggiaro",
    address: "Via Cesare Pascarella 12, 20157 Milano",
    lat: 45.51302,
    lng: 9.13849,
    quartieri: [76, 81, 74, 75],
    hours: [
      [weekdaysMonFri, "09:00", "12:30"],
      [[3], "14:00", "17:30"],
    ],
    events: [familyBenefits(1, 1), financialEducation(3, 0), carersDesk(5, 2)],
  },
  {
    key: "san-siro",
    name: "Spazio Vicinato San Siro",
    address: "Piazzale Selinunte 4, 20148 Milano",
    lat: 45.47094,
    lng: 9.14398,
    quartieri: [57, 60, 61, 56],
    hours: [
      [[2, 4, 5], "09:00", "13:00"],
      [[1, 3], "14:00", "18:00"],
      [[6], "10:00", "12:00"],
    ],
    events: [italianForParents(2, 0), digitalCafe(3, 1), openDay(6, 2, "lo Spazio Vicinato San Siro")],
  },
  {
    key: "gratosoglio",
    name: "Spazio Vicinato Gratosoglio",
    address: "Via Lampedusa 11, 20141 Milano",
    lat: 45.41262,
    lng: 9.17453,
    quartieri: [41, 42, 40, 39],
    hours: [
      [weekdaysMonFri, "09:00", "13:00"],
      [[4], "14:00", "18:00"],
    ],
    events: [sharedAfterSchool(4, 1), familyBenefits(2, 0)],
  },
  {
    key: "centro",
    name: "Spazio Vicinato Centro",
    address: "Via Pantano 15, 20122 Milano",
    lat: 45.46003,
    lng: 9.19303,
    quartieri: [1, 4, 3],
    hours: [[weekdaysMonFri, "09:00", "17:00"]],
    events: [financialEducation(1, 1), carersDesk(3, 0), digitalCafe(5, 2)],
  },
];

/** A stable uuid (the version-5 layout over sha1) for a demo row, so ids never change between runs. */
export function demoUuid(name: string): string {
  const hash = crypto.createHash("sha1").update(`vicinato-demo-hubs:${name}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const minutesOf = (time: string) => {
  const minutes = parseTimeOfDay(time, { allowMidnightEnd: true });
  if (minutes === null) throw new Error(`demo hubs: bad time ${time}`);
  return minutes;
};

export function demoOpeningHours(hub: DemoHub): OpeningWindow[] {
  return hub.hours
    .flatMap(([weekdays, start, end]) => weekdays.map((weekday) => ({ weekday, startMinute: minutesOf(start), endMinute: minutesOf(end) })))
    .sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
}

/** The day of an event: the first `weekday` after `today` (never today itself), plus whole weeks. */
export function demoEventDate(today: string, weekday: number, weeksAhead: number): string {
  const tomorrow = addDays(today, 1);
  const ahead = (weekday - isoWeekdayOf(tomorrow) + 7) % 7;
  return addDays(tomorrow, ahead + 7 * weeksAhead);
}

export interface DemoHubRows {
  hubs: Array<{ id: string; name: string; address: string; lat: number; lng: number; opening_hours: string }>;
  coverage: Array<{ hub_id: string; quartiere_id: number }>;
  events: Array<{ id: string; hub_id: string; title: string; description: string; starts_at: Date; ends_at: Date; capacity: number }>;
}

/** The rows to insert, for events after the day (in Milan) of `now`. */
export function demoHubRows(now: Date): DemoHubRows {
  const today = romeWallClock(now).date;
  const rows: DemoHubRows = { hubs: [], coverage: [], events: [] };
  for (const hub of demoHubs) {
    const id = demoUuid(hub.key);
    rows.hubs.push({ id, name: hub.name, address: hub.address, lat: hub.lat, lng: hub.lng, opening_hours: JSON.stringify(demoOpeningHours(hub)) });
    rows.coverage.push(...hub.quartieri.map((quartiere_id) => ({ hub_id: id, quartiere_id })));
    hub.events.forEach((event, index) => {
      const date = demoEventDate(today, event.weekday, event.weeksAhead);
      const start = romeWallTimeToInstant(date, minutesOf(event.start));
      if (!start.ok) throw new Error(`demo hubs: ${date} ${event.start} does not exist in Milan`);
      rows.events.push({
        id: demoUuid(`${hub.key}:event:${index}`),
        hub_id: id,
        title: event.title,
        description: event.description,
        starts_at: start.instant,
        ends_at: new Date(start.instant.getTime() + event.minutes * 60_000),
        capacity: event.capacity,
      });
    });
  }
  return rows;
}

/**
 * Inserts the demo hubs when there is no hub at all (run on every start; several processes
 * starting together take turns on an advisory lock). Returns what was inserted, or null.
 */
export async function seedDemoHubsIfEmpty(db: Kysely<Database>, options: { now?: Date } = {}): Promise<{ hubs: number; events: number } | null> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('vicinato:seed-demo-hubs'))`.execute(trx);
    const existing = await trx.selectFrom("hubs").select("id").limit(1).executeTakeFirst();
    if (existing) return null;
    const rows = demoHubRows(options.now ?? new Date());
    await trx.insertInto("hubs").values(rows.hubs).execute();
    await trx.insertInto("hub_quartieri").values(rows.coverage).execute();
    await trx.insertInto("hub_events").values(rows.events).execute();
    return { hubs: rows.hubs.length, events: rows.events.length };
  });
}
