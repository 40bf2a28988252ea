import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DB } from "../../db/client";
import type { UserRole } from "../../db/schema";
import { seedDemoHubsIfEmpty } from "../../db/seed/hubs";
import { AuthorisationError, type CurrentUser } from "../../app/domain/accounts/current-user";
import { loadCurrentUser } from "../../app/domain/accounts/sessions.server";
import { auditTrail } from "../../app/domain/audit/audit-log.server";
import { HubNotFoundError } from "../../app/domain/territory/hubs/hub-access.server";
import {
  createHub,
  getHubEventForOperator,
  getHubForOperator,
  listManagedHubs,
  updateHubDetails,
  updateHubOpeningHours,
} from "../../app/domain/territory/hubs/hub-admin.server";
import {
  cancelHubEvent,
  cancelSignup,
  createHubEvent,
  hubSignupsOfUser,
  removeHubSignupsOfUser,
  signUpForEvent,
  updateHubEvent,
} from "../../app/domain/territory/hubs/hub-events.server";
import type { EventInput } from "../../app/domain/territory/hubs/hub-schemas";
import { getHubPage, listHubs } from "../../app/domain/territory/hubs/hubs.server";
import { runQueuedJobs } from "../support/jobs";
import { waitForEmail } from "../support/mail";
import { duringAccountErasure } from "../support/account-erasure-in-progress";
import { createTestContext, type TestContext } from "../support/test-context";

// NIL ids from the shipped open data: 20 LORETO - CASORETTO - NOLO and 19 PADOVA - TURRO -
// CRESCENZAGO (Municipio 2), 1 DUOMO (Municipio 1).
const LORETO = 20;
const PADOVA = 19;
const DUOMO = 1;
const HOUR = 3_600_000;

let ctx: TestContext;
let operatorLoreto: CurrentUser;
let operatorDuomo: CurrentUser;
let admin: CurrentUser;
let family: CurrentUser;
let hubId: string;

async function insertUser(db: DB, options: { roles: UserRole[]; quartieri?: number[]; name?: string; verified?: boolean; locale?: string }): Promise<CurrentUser> {
  const email = `${crypto.randomBytes(5).toString("hex")}@example.test`;
  const { id } = await db
    .insertInto("users")
    .values({
      email,
      password_hash: null,
      display_name: options.name ?? email,
      locale: options.locale ?? "it",
      email_verified_at: options.verified === false ? null : new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (options.roles.length > 0) await db.insertInto("user_roles").values(options.roles.map((role) => ({ user_id: id, role }))).execute();
  if (options.quartieri?.length) {
    await db.insertInto("operator_quartieri").values(options.quartieri.map((q) => ({ user_id: id, quartiere_id: q }))).execute();
  }
  return (await loadCurrentUser(db, id))!;
}

const event = (overrides: Partial<EventInput> = {}): EventInput => ({
  title: "Educazione finanziaria: il bilancio di famiglia",
  description: "Un incontro pratico.",
  startsAt: new Date(Date.now() + 48 * HOUR),
  endsAt: new Date(Date.now() + 49.5 * HOUR),
  capacity: 20,
  ...overrides,
});

async function newEvent(overrides: Partial<EventInput> = {}): Promise<string> {
  const result = await createHubEvent(ctx.db, operatorLoreto, { hubId, event: event(overrides) });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.eventId;
}

const signupCount = async (eventId: string) =>
  Number(
    (
      await ctx.db
        .selectFrom("hub_event_signups")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("event_id", "=", eventId)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  ctx = await createTestContext();
  operatorLoreto = await insertUser(ctx.db, { roles: ["operator"], quartieri: [LORETO], name: "Operatrice Lucia" });
  operatorDuomo = await insertUser(ctx.db, { roles: ["operator"], quartieri: [DUOMO], name: "Operatore Dario" });
  admin = await insertUser(ctx.db, { roles: ["admin"], name: "Amministratrice" });
  family = await insertUser(ctx.db, { roles: ["family"], name: "Famiglia Rossi" });
  const created = await createHub(ctx.db, admin, {
    name: "Spazio Vicinato Prova",
    address: "Via Padova 21, 20127 Milano",
    lat: null,
    lng: null,
    quartieri: [PADOVA, LORETO],
  });
  if (!created.ok) throw new Error("hub not created");
  hubId = created.hubId;
});
afterAll(async () => {
  await ctx?.cleanup();
});

describe("who manages a hub", () => {
  it("an admin opens a hub for the quartieri chosen, placed at the first one's centre, and it is audited", async () => {
    const hub = await ctx.db.selectFrom("hubs").selectAll().where("id", "=", hubId).executeTakeFirstOrThrow();
    const loreto = await ctx.db.selectFrom("quartieri").select(["lat", "lng"]).where("id", "=", PADOVA).executeTakeFirstOrThrow();
    expect({ lat: hub.lat, lng: hub.lng }).toEqual(loreto);
    const coverage = await ctx.db.selectFrom("hub_quartieri").select("quartiere_id").where("hub_id", "=", hubId).orderBy("quartiere_id").execute();
    expect(coverage.map((c) => c.quartiere_id)).toEqual([PADOVA, LORETO]);
    expect(await auditTrail(ctx.db, "hub", hubId)).toEqual([
      expect.objectContaining({ actor_user_id: admin.id, action: "hub.create", details: { quartieri: [PADOVA, LORETO] } }),
    ]);
  });

  it("only an admin opens hubs", async () => {
    const input = { name: "Spazio abusivo", address: "Via Dante 1, Milano", lat: null, lng: null, quartieri: [LORETO] };
    await expect(createHub(ctx.db, operatorLoreto, input)).rejects.toBeInstanceOf(AuthorisationError);
    await expect(createHub(ctx.db, family, input)).rejects.toBeInstanceOf(AuthorisationError);
    expect(await ctx.db.selectFrom("hubs").select("id").where("name", "=", "Spazio abusivo").execute()).toEqual([]);
  });

  it("an operator of a covered quartiere edits the details and the hours, and every change is audited", async () => {
    const details = await updateHubDetails(ctx.db, operatorLoreto, hubId, {
      name: "Spazio Vicinato Loreto (prova)",
      address: "Via Padova 21, 20127 Milano",
      lat: 45.49052,
      lng: 9.21861,
    });
    expect(details).toEqual({ ok: true, hubId });
    const hours = await updateHubOpeningHours(ctx.db, operatorLoreto, hubId, [
      { weekday: 6, startMinute: 570, endMinute: 750 },
      { weekday: 1, startMinute: 840, endMinute: 1080 },
      { weekday: 1, startMinute: 540, endMinute: 780 },
    ]);
    expect(hours).toEqual({ ok: true });
    const hub = await ctx.db.selectFrom("hubs").selectAll().where("id", "=", hubId).executeTakeFirstOrThrow();
    expect(hub).toMatchObject({ name: "Spazio Vicinato Loreto (prova)", lat: 45.49052, lng: 9.21861 });
    // Stored Monday first, by start.
    expect(hub.opening_hours).toEqual([
      { weekday: 1, startMinute: 540, endMinute: 780 },
      { weekday: 1, startMinute: 840, endMinute: 1080 },
      { weekday: 6, startMinute: 570, endMinute: 750 },
    ]);
    const trail = await auditTrail(ctx.db, "hub", hubId);
    expect(trail.slice(-2)).toEqual([
      expect.objectContaining({ actor_user_id: operatorLoreto.id, action: "hub.update", details: { changed: ["name", "place"] } }),
      expect.objectContaining({ actor_user_id: operatorLoreto.id, action: "hub.hours.update" }),
    ]);
    // Saving the same again changes nothing and records nothing.
    await updateHubOpeningHours(ctx.db, operatorLoreto, hubId, hub.opening_hours);
    expect(await auditTrail(ctx.db, "hub", hubId)).toHaveLength(trail.length);
  });

  it("an operator of another quartiere may not edit the hub, its events or see its sign-ups", async () => {
    const eventId = await newEvent();
    const before = await ctx.db.selectFrom("hubs").selectAll().where("id", "=", hubId).executeTakeFirstOrThrow();
    const refused = [
      () => updateHubDetails(ctx.db, operatorDuomo, hubId, { name: "Preso", address: "Via Larga 1, Milano", lat: null, lng: null }),
      () => updateHubOpeningHours(ctx.db, operatorDuomo, hubId, []),
      () => createHubEvent(ctx.db, operatorDuomo, { hubId, event: event() }),
      () => updateHubEvent(ctx.db, operatorDuomo, { hubId, eventId, event: event({ capacity: 1 }) }),
      () => cancelHubEvent(ctx.db, operatorDuomo, { hubId, eventId }),
      () => getHubForOperator(ctx.db, operatorDuomo, hubId),
      () => getHubEventForOperator(ctx.db, operatorDuomo, hubId, eventId),
    ];
    for (const attempt of refused) await expect(attempt()).rejects.toBeInstanceOf(AuthorisationError);
    // Nor may a family, on any of them.
    for (const attempt of [
      () => updateHubOpeningHours(ctx.db, family, hubId, []),
      () => getHubEventForOperator(ctx.db, family, hubId, eventId),
      () => listManagedHubs(ctx.db, family),
    ]) {
      await expect(attempt()).rejects.toBeInstanceOf(AuthorisationError);
    }
    expect(await ctx.db.selectFrom("hubs").selectAll().where("id", "=", hubId).executeTakeFirstOrThrow()).toEqual(before);
    expect(await ctx.db.selectFrom("hub_events").select("id").where("id", "=", eventId).execute()).toHaveLength(1);
    expect((await listManagedHubs(ctx.db, operatorDuomo)).hubs.map((h) => h.id)).not.toContain(hubId);
    expect((await listManagedHubs(ctx.db, operatorLoreto)).hubs.map((h) => h.id)).toContain(hubId);
  });

  it("an admin edits any hub and the quartieri it covers; an operator may not change the coverage", async () => {
    await expect(
      updateHubDetails(ctx.db, operatorLoreto, hubId, { name: "Spazio", address: "Via Padova 21, Milano", lat: null, lng: null, quartieri: [DUOMO] }),
    ).rejects.toBeInstanceOf(AuthorisationError);
    const result = await updateHubDetails(ctx.db, admin, hubId, {
      name: "Spazio Vicinato Loreto (prova)",
      address: "Via Padova 21, 20127 Milano",
      lat: null,
      lng: null,
      quartieri: [LORETO, PADOVA, 10],
    });
    expect(result).toEqual({ ok: true, hubId });
    expect((await auditTrail(ctx.db, "hub", hubId)).at(-1)).toEqual(
      expect.objectContaining({
        actor_user_id: admin.id,
        action: "hub.update",
        details: { changed: ["quartieri"], quartieriBefore: [PADOVA, LORETO], quartieri: [10, PADOVA, LORETO] },
      }),
    );
    expect(await updateHubDetails(ctx.db, admin, hubId, { name: "X y z", address: "Via Padova 21", lat: null, lng: null, quartieri: [999] })).toEqual({
      ok: false,
      errors: { quartieri: "errors.quartiereUnknown" },
    });
  });

  it("a hub that does not exist is not found, for whoever manages it", async () => {
    const missing = crypto.randomUUID();
    await expect(getHubForOperator(ctx.db, admin, missing)).rejects.toBeInstanceOf(HubNotFoundError);
    await expect(getHubForOperator(ctx.db, operatorLoreto, "not-a-uuid")).rejects.toBeInstanceOf(HubNotFoundError);
    // Someone who is no operator is refused before anything is looked up.
    await expect(getHubForOperator(ctx.db, family, missing)).rejects.toBeInstanceOf(AuthorisationError);
  });
});

describe("opening hours in the domain", () => {
  it("refuses an end before the start, a weekday outside 1–7 and overlaps on a day, and writes nothing", async () => {
    const trail = await auditTrail(ctx.db, "hub", hubId);
    const before = await ctx.db.selectFrom("hubs").select("opening_hours").where("id", "=", hubId).executeTakeFirstOrThrow();
    expect(await updateHubOpeningHours(ctx.db, operatorLoreto, hubId, [{ weekday: 2, startMinute: 780, endMinute: 540 }])).toEqual({
      ok: false,
      problems: [{ index: 0, code: "order" }],
    });
    expect(await updateHubOpeningHours(ctx.db, operatorLoreto, hubId, [{ weekday: 8, startMinute: 540, endMinute: 780 }])).toEqual({
      ok: false,
      problems: [{ index: 0, code: "weekday" }],
    });
    expect(
      await updateHubOpeningHours(ctx.db, operatorLoreto, hubId, [
        { weekday: 3, startMinute: 540, endMinute: 780 },
        { weekday: 3, startMinute: 720, endMinute: 900 },
      ]),
    ).toEqual({ ok: false, problems: [{ index: 1, code: "overlap" }] });
    expect(await ctx.db.selectFrom("hubs").select("opening_hours").where("id", "=", hubId).executeTakeFirstOrThrow()).toEqual(before);
    expect(await auditTrail(ctx.db, "hub", hubId)).toHaveLength(trail.length);
  });
});

describe("signing up for an event", () => {
  it("gives exactly 5 places out of 20 concurrent sign-ups for an event of capacity 5", async () => {
    const eventId = await newEvent({ capacity: 5 });
    const people = await Promise.all(Array.from({ length: 20 }, (_, i) => insertUser(ctx.db, { roles: ["family"], name: `Famiglia ${i}` })));
    const results = await Promise.all(people.map((person) => signUpForEvent(ctx.db, person, { eventId })));
    expect(results.filter((r) => r.ok && r.status === "signed_up")).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.reason === "full")).toHaveLength(15);
    expect(await signupCount(eventId)).toBe(5);
    // A full event says so to the next person too; a place given back is taken again.
    const late = await insertUser(ctx.db, { roles: ["family"] });
    expect(await signUpForEvent(ctx.db, late, { eventId })).toEqual({ ok: false, reason: "full" });
    const holder = people[results.findIndex((r) => r.ok)]!;
    expect(await cancelSignup(ctx.db, holder, { eventId })).toEqual({ ok: true, removed: true, hubId });
    expect(await signUpForEvent(ctx.db, late, { eventId })).toEqual({ ok: true, status: "signed_up", hubId });
    expect(await signupCount(eventId)).toBe(5);
  });

  it("takes one place when the same person signs up twice, even at once", async () => {
    const eventId = await newEvent({ capacity: 3 });
    const person = await insertUser(ctx.db, { roles: ["family"] });
    const both = await Promise.all([signUpForEvent(ctx.db, person, { eventId }), signUpForEvent(ctx.db, person, { eventId })]);
    expect(both.map((r) => (r.ok ? r.status : r.reason)).sort()).toEqual(["already", "signed_up"]);
    expect(await signUpForEvent(ctx.db, person, { eventId })).toEqual({ ok: true, status: "already", hubId });
    expect(await signupCount(eventId)).toBe(1);
  });

  it("refuses a sign-up sent while the person's account is being erased, after waiting for the erasure, and keeps no place", async () => {
    const eventId = await newEvent({ capacity: 2 });
    const leaving = await insertUser(ctx.db, { roles: ["family"] });
    const { finishedBeforeCommit, outcome } = await duringAccountErasure(ctx.databaseUrl, leaving.id, () => signUpForEvent(ctx.db, leaving, { eventId }));
    expect(finishedBeforeCommit).toBe(false);
    expect(outcome.status === "rejected" && outcome.reason).toBeInstanceOf(AuthorisationError);
    expect(await signupCount(eventId)).toBe(0);
  });

  it("lets a person cancel only their own place, harmlessly twice", async () => {
    const eventId = await newEvent();
    const other = await insertUser(ctx.db, { roles: ["family"] });
    await signUpForEvent(ctx.db, family, { eventId });
    await signUpForEvent(ctx.db, other, { eventId });
    expect(await cancelSignup(ctx.db, family, { eventId })).toEqual({ ok: true, removed: true, hubId });
    expect(await cancelSignup(ctx.db, family, { eventId })).toEqual({ ok: true, removed: false, hubId });
    const left = await ctx.db.selectFrom("hub_event_signups").select("user_id").where("event_id", "=", eventId).execute();
    expect(left.map((r) => r.user_id)).toEqual([other.id]);
  });

  it("closes events that have started to sign-up and cancellation", async () => {
    const startsAt = new Date(Date.now() + 2 * HOUR);
    const eventId = await newEvent({ startsAt, endsAt: new Date(startsAt.getTime() + HOUR) });
    await signUpForEvent(ctx.db, family, { eventId });
    const later = new Date(startsAt.getTime() + 60_000);
    const newcomer = await insertUser(ctx.db, { roles: ["family"] });
    expect(await signUpForEvent(ctx.db, newcomer, { eventId, now: later })).toEqual({ ok: false, reason: "past" });
    expect(await cancelSignup(ctx.db, family, { eventId, now: later })).toEqual({ ok: false, reason: "past" });
    expect(await signUpForEvent(ctx.db, family, { eventId, now: later })).toEqual({ ok: true, status: "already", hubId });
  });

  it("asks for a confirmed e-mail address first, and knows no unknown events", async () => {
    const eventId = await newEvent();
    const unverified = await insertUser(ctx.db, { roles: ["family"], verified: false });
    expect(await signUpForEvent(ctx.db, unverified, { eventId })).toEqual({ ok: false, reason: "email_unverified" });
    expect(await signUpForEvent(ctx.db, family, { eventId: crypto.randomUUID() })).toEqual({ ok: false, reason: "not_found" });
    expect(await signUpForEvent(ctx.db, family, { eventId: "1; drop table hubs" })).toEqual({ ok: false, reason: "not_found" });
  });

  it("shows each person their own sign-ups on the hub's page, and nobody else's", async () => {
    const eventId = await newEvent({ title: "Caffè digitale" });
    const other = await insertUser(ctx.db, { roles: ["family"] });
    await signUpForEvent(ctx.db, family, { eventId });
    const mine = await getHubPage(ctx.db, hubId, { now: new Date(), user: family });
    expect(mine!.mySignups.map((e) => e.id)).toContain(eventId);
    expect(mine!.events.find((e) => e.id === eventId)).toMatchObject({ signedUp: true, signups: 1, placesLeft: 19, upcoming: true });
    const theirs = await getHubPage(ctx.db, hubId, { now: new Date(), user: other });
    expect(theirs!.mySignups.map((e) => e.id)).not.toContain(eventId);
    const anonymous = await getHubPage(ctx.db, hubId, { now: new Date(), user: null });
    expect(anonymous!.mySignups).toEqual([]);
    expect(anonymous!.canManage).toBe(false);
    expect((await getHubPage(ctx.db, hubId, { now: new Date(), user: operatorLoreto }))!.canManage).toBe(true);
    expect(await hubSignupsOfUser(ctx.db, other.id)).toEqual([]);
  });
});

describe("operators and events", () => {
  it("creates only events ahead, and records who created them", async () => {
    const past = await createHubEvent(ctx.db, operatorLoreto, {
      hubId,
      event: event({ startsAt: new Date(Date.now() - HOUR), endsAt: new Date(Date.now() + HOUR) }),
    });
    expect(past).toEqual({ ok: false, errors: { date: "errors.eventInPast" } });
    const created = await createHubEvent(ctx.db, admin, { hubId, event: event({ capacity: 12 }) });
    expect(created.ok).toBe(true);
    const eventId = (created as { eventId: string }).eventId;
    expect(await auditTrail(ctx.db, "hub_event", eventId)).toEqual([
      expect.objectContaining({ actor_user_id: admin.id, action: "hub_event.create", details: expect.objectContaining({ hubId, capacity: 12 }) }),
    ]);
  });

  it("keeps the places at least as many as the people signed up, and e-mails them when the time moves", async () => {
    const eventId = await newEvent({ capacity: 4 });
    const people = await Promise.all(
      ["it", "en"].map((locale, i) => insertUser(ctx.db, { roles: ["family"], name: `Persona ${i}`, locale })),
    );
    for (const person of people) await signUpForEvent(ctx.db, person, { eventId });

    expect(await updateHubEvent(ctx.db, operatorLoreto, { hubId, eventId, event: event({ capacity: 1 }) })).toEqual({
      ok: false,
      errors: { capacity: "errors.capacityBelowSignups" },
    });
    const moved = event({ capacity: 2, startsAt: new Date(Date.now() + 72 * HOUR), endsAt: new Date(Date.now() + 74 * HOUR) });
    expect(await updateHubEvent(ctx.db, operatorLoreto, { hubId, eventId, event: moved })).toEqual({ ok: true, eventId });
    expect((await auditTrail(ctx.db, "hub_event", eventId)).at(-1)).toEqual(
      expect.objectContaining({ actor_user_id: operatorLoreto.id, action: "hub_event.update", details: expect.objectContaining({ changed: ["startsAt", "endsAt", "capacity"] }) }),
    );

    await runQueuedJobs(ctx);
    const italian = await waitForEmail(inject("mailDir"), people[0]!.email);
    expect(italian.subject).toBe(`Nuovo orario: ${moved.title}`);
    expect(italian.text).toContain(`/hubs/${hubId}`);
    const english = await waitForEmail(inject("mailDir"), people[1]!.email);
    expect(english.subject).toBe(`New time: ${moved.title}`);
  });

  it("cancels an upcoming event: places removed, attendees told, audited without names", async () => {
    const eventId = await newEvent({ title: "Open day" });
    const attendee = await insertUser(ctx.db, { roles: ["family"], name: "Giulia" });
    await signUpForEvent(ctx.db, attendee, { eventId });
    expect(await cancelHubEvent(ctx.db, operatorLoreto, { hubId, eventId })).toEqual({ ok: true, notified: 1 });
    expect(await ctx.db.selectFrom("hub_events").select("id").where("id", "=", eventId).execute()).toEqual([]);
    expect(await signupCount(eventId)).toBe(0);
    const [audit] = await auditTrail(ctx.db, "hub_event", eventId).then((rows) => rows.filter((r) => r.action === "hub_event.cancel"));
    expect(audit).toEqual(expect.objectContaining({ actor_user_id: operatorLoreto.id, details: expect.objectContaining({ hubId, signups: 1 }) }));
    expect(JSON.stringify(audit!.details)).not.toContain(attendee.email);
    await runQueuedJobs(ctx);
    const message = await waitForEmail(inject("mailDir"), attendee.email);
    expect(message.subject).toBe("Incontro annullato: Open day");
    expect(message.text).toContain("Ciao Giulia");
    // Gone means gone: another cancel is not found.
    await expect(cancelHubEvent(ctx.db, operatorLoreto, { hubId, eventId })).rejects.toBeInstanceOf(HubNotFoundError);
  });

  it("shows the sign-up list (names and e-mails) to the hub's operators and records each look", async () => {
    const eventId = await newEvent();
    const person = await insertUser(ctx.db, { roles: ["family"], name: "Marco Bianchi" });
    await signUpForEvent(ctx.db, person, { eventId });
    const page = await getHubEventForOperator(ctx.db, operatorLoreto, hubId, eventId);
    expect(page.signups).toEqual([expect.objectContaining({ name: "Marco Bianchi", email: person.email })]);
    expect((await auditTrail(ctx.db, "hub_event", eventId)).at(-1)).toEqual(
      expect.objectContaining({ actor_user_id: operatorLoreto.id, action: "hub_event.signups.view", details: { hubId, count: 1 } }),
    );
    // Account deletion can take the places away.
    expect(await hubSignupsOfUser(ctx.db, person.id)).toHaveLength(1);
    expect(await removeHubSignupsOfUser(ctx.db, person.id)).toBe(1);
    expect(await signupCount(eventId)).toBe(0);
  });
});

describe("the public list and the area", () => {
  it("filters hubs by quartiere and by municipio, each with its next events and places left", async () => {
    const eventId = await newEvent({ startsAt: new Date(Date.now() + 0.5 * HOUR), endsAt: new Date(Date.now() + 1.5 * HOUR), capacity: 7 });
    const byQuartiere = await listHubs(ctx.db, { quartiereId: LORETO }, { now: new Date() });
    expect(byQuartiere.hubs.map((h) => h.id)).toEqual([hubId]);
    const hub = byQuartiere.hubs[0]!;
    expect(hub.quartieri.map((q) => q.id).sort((a, b) => a - b)).toEqual([10, PADOVA, LORETO]);
    expect(hub.nextEvents.length).toBeLessThanOrEqual(2);
    expect(hub.nextEvents[0]).toMatchObject({ id: eventId, placesLeft: 7 });
    expect((await listHubs(ctx.db, { municipioId: 2 }, { now: new Date() })).hubs.map((h) => h.id)).toEqual([hubId]);
    expect((await listHubs(ctx.db, { municipioId: 1 }, { now: new Date() })).hubs).toEqual([]);
    expect((await listHubs(ctx.db, { quartiereId: DUOMO }, { now: new Date() })).hubs).toEqual([]);
  });

  it("counts open needs and proposed or formed groups in the quartieri a hub covers", async () => {
    const { id: categoryId } = await ctx.db.selectFrom("service_categories").select("id").where("slug", "=", "babysitter").executeTakeFirstOrThrow();
    const need = (quartiereId: number, status: "open" | "withdrawn") => ({
      family_user_id: family.id,
      category_id: categoryId,
      windows: JSON.stringify([{ weekday: 2, startMinute: 960, endMinute: 1080 }]),
      address: "Via Padova 30, Milano",
      quartiere_id: quartiereId,
      lat: 45.49,
      lng: 9.22,
      status,
    });
    await ctx.db.insertInto("needs").values([need(LORETO, "open"), need(LORETO, "open"), need(PADOVA, "open"), need(LORETO, "withdrawn"), need(DUOMO, "open")]).execute();
    const group = (quartiereId: number, status: "proposed" | "formed" | "dissolved") => ({
      proposal_key: crypto.randomUUID(),
      category_id: categoryId,
      status,
      quartiere_id: quartiereId,
      meeting_lat: 45.49,
      meeting_lng: 9.22,
      shared_windows: JSON.stringify([{ weekday: 2, startMinute: 960, endMinute: 1080 }]),
      weekly_minutes: 120,
      hourly_total_cents: 1800,
      individual_hourly_cents: 1200,
    });
    await ctx.db.insertInto("shared_groups").values([group(LORETO, "proposed"), group(PADOVA, "formed"), group(LORETO, "dissolved"), group(DUOMO, "proposed")]).execute();

    const page = await getHubForOperator(ctx.db, operatorLoreto, hubId);
    expect(page.area.totals).toEqual({ openNeeds: 3, proposedGroups: 1, formedGroups: 1 });
    expect(page.area.rows.find((r) => r.quartiereId === LORETO)).toMatchObject({ openNeeds: 2, proposedGroups: 1, formedGroups: 0 });
  });
});

describe("demo hubs", () => {
  it("are seeded once, when there are none", async () => {
    const empty = await createTestContext();
    try {
      const first = await seedDemoHubsIfEmpty(empty.db);
      expect(first!.hubs).toBeGreaterThanOrEqual(6);
      expect(await seedDemoHubsIfEmpty(empty.db)).toBeNull();
      const list = await listHubs(empty.db, {}, { now: new Date() });
      expect(list.hubs).toHaveLength(first!.hubs);
      for (const hub of list.hubs) {
        expect(hub.quartieri.length).toBeGreaterThan(0);
        expect(hub.openingHours.length).toBeGreaterThan(0);
        expect(hub.nextEvents.length).toBeGreaterThan(0);
      }
    } finally {
      await empty.cleanup();
    }
  });
});
