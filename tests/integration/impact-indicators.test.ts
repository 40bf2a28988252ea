import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthorisationError, type CurrentUser } from "../../app/domain/accounts/current-user";
import { getDashboard, type Dashboard } from "../../app/domain/impact/dashboard.server";
import type { DashboardQuery } from "../../app/domain/impact/dashboard-query";
import { UnknownAreaError } from "../../app/domain/impact/dashboard-scope.server";
import { listQuartieri } from "../../app/domain/territory/territory.server";
import { parseCrontab } from "graphile-worker";
import { IMPACT_FACTS_TASK, refreshImpactFacts } from "../../app/domain/impact/booking-facts.server";
import { createTaskList, crontab } from "../../server/jobs";
import { createTestContext, type TestContext } from "../support/test-context";
import { insertBookingAt, insertPerson, KNOWN_NOW, KNOWN_PERIOD, seedKnownImpactFixture, type KnownFixture } from "../support/impact-fixtures";

/**
 * Every indicator of the dashboard on a small world whose answers are worked out by hand
 * (tests/support/impact-fixtures.ts builds it). Quartiere A (1) holds the example; B (2) and C (3)
 * hold rows that must not leak into A. The period is 1 January – 25 March 2025: 12 weeks exactly.
 */

let ctx: TestContext;
let fixture: KnownFixture;
let operatorA: CurrentUser;
let operatorB: CurrentUser;
let admin: CurrentUser;
let family: CurrentUser;
let a: Dashboard;

const queryFor = (scope: DashboardQuery["scope"], measure: DashboardQuery["measure"] = "unmetSearches"): DashboardQuery => ({ scope, ...KNOWN_PERIOD, measure });

beforeAll(async () => {
  ctx = await createTestContext();
  fixture = await seedKnownImpactFixture(ctx.db);
  await refreshImpactFacts(ctx.db);
  operatorA = await insertPerson(ctx.db, { roles: ["operator"], quartieri: [fixture.quartiereA] });
  operatorB = await insertPerson(ctx.db, { roles: ["operator"], quartieri: [fixture.quartiereB] });
  admin = await insertPerson(ctx.db, { roles: ["admin"] });
  family = await insertPerson(ctx.db, { roles: ["family"] });
  a = await getDashboard(ctx.db, operatorA, queryFor({ kind: "all" }), { now: KNOWN_NOW });
});
afterAll(async () => {
  await ctx?.cleanup();
});

describe("impact indicators of quartiere A over the period (known answers)", () => {
  it("counts families served: distinct families with a confirmed, in-progress, completed or reviewed booking overlapping the period", () => {
    // F1 (two bookings), F2 (a completed one and a confirmed recurring one from December), F3 (completed on the 24th,
    // marked done after the period). Not F3's cancelled booking nor F4's unanswered request.
    expect(a.indicators.familiesServed).toBe(3);
  });

  it("counts shared services formed in the period and the families per service", () => {
    // G1 (formed 28 Jan, 2 accepted) and G4 (formed 1 Feb, since dissolved, 3 accepted); G2 formed in December.
    expect(a.indicators.sharedServicesFormed).toBe(2);
    expect(a.indicators.familiesPerSharedService).toBe(2.5);
  });

  it("computes the money saved by sharing against individual prices", () => {
    // G1: 2 accepted × (12.00 − 7.00 €/h) × 4 h/week × 8 weeks = 320 €
    // G2: (15 − 6) + (15 − 6) + (15 − 9) = 24 €/h × 2 h/week × 12 weeks = 576 €; G4 is dissolved, G3 not formed.
    expect(a.indicators.moneySavedCents).toBe(32_000 + 57_600);
  });

  it("sums voucher money spent in the period, minus refunds and released checkouts, where the booking took place", () => {
    // V1 (granted in B, paying for A's bookings): 30 + 20 + 20 spent, 10 refunded, 20 released; V3 in A: 7 spent.
    // Not V1's December spend, nor V2's spend for a booking in B.
    expect(a.indicators.vouchersSpentCents).toBe(7_000 - 3_000 + 700);
    expect(a.vouchers).toEqual({ spentCents: 7_700, returnedCents: 3_000 });
  });

  it("counts repeat collaborations and cross-quartiere links among bookings completed in the period", () => {
    // F1 with P1 twice; F2 with P2 (who lives in B) once: a cross-quartiere link. F3's completion on 27 March is late.
    expect(a.indicators.repeatCollaborations).toBe(1);
    expect(a.indicators.crossQuartiereLinks).toBe(1);
  });

  it("counts providers of the area verified for the first time in the period, not renewals", () => {
    // P1 (pending → verified in February); P5's renewal does not count; P2's approval counts for B, where P2 lives.
    expect(a.indicators.providersNewlyVerified).toBe(1);
  });

  it("averages the providers' first answer to requests made in the period", () => {
    // 2 h (accept), 1 h (accept), 3 h (counter-offer), 30 min (accept); the cancelled and the unanswered request have none.
    expect(a.responseTime).toEqual({ averageMinutes: 97.5, answered: 4 });
  });

  it("counts bookings requested in the period and their cancellations, by category", () => {
    expect(a.bookings.total).toBe(6);
    expect(a.bookings.cancelled).toBe(1);
    expect(a.bookings.byCategory.filter((c) => c.bookings > 0)).toEqual([
      { category: "babysitter", bookings: 5, cancelled: 1 },
      { category: "colf", bookings: 1, cancelled: 0 },
    ]);
  });

  it("counts open needs posted in the period and unmet searches, by category", () => {
    expect(a.openNeedsByCategory.filter((c) => c.count > 0)).toEqual([
      { category: "babysitter", count: 2 },
      { category: "badante", count: 1 },
      { category: "colf", count: 1 },
    ].sort((x, y) => a.categories.indexOf(x.category) - a.categories.indexOf(y.category)));
    expect(a.measureTotals.openNeeds).toBe(4);
    expect(a.unmetSearchesByCategory.filter((c) => c.count > 0)).toEqual(
      expect.arrayContaining([{ category: "babysitter", count: 1 }, { category: "badante", count: 1 }, { category: "pet-sitter", count: 1 }, { category: null, count: 1 }]),
    );
    expect(a.measureTotals.unmetSearches).toBe(4);
  });

  it("lists providers serving the area by category and verification state", () => {
    const byCategory = Object.fromEntries(a.providersByCategory.map((p) => [p.category, p]));
    expect(byCategory.babysitter!.counts).toMatchObject({ verified: 2, pending: 1 });
    expect(byCategory.colf!.counts).toMatchObject({ verified: 1 });
    expect(byCategory.badante!.total).toBe(0);
    expect(a.measureTotals.verifiedProviders).toBe(3);
  });

  it("finds coverage gaps: demand with no verified provider serving the quartiere", () => {
    expect(a.coverageGaps).toEqual([
      { quartiereId: 1, quartiere: expect.any(String), category: "badante", openNeeds: 1, unmetSearches: 1 },
      { quartiereId: 1, quartiere: expect.any(String), category: "pet-sitter", openNeeds: 0, unmetSearches: 1 },
    ]);
  });

  it("counts groups forming and active today", () => {
    expect(a.groups).toMatchObject({ forming: 1, active: 2 });
  });

  it("gives the map every measure per quartiere, with the legend of the chosen one", () => {
    expect(a.quartieri).toEqual([
      { id: 1, name: expect.any(String), values: { unmetSearches: 4, openNeeds: 4, verifiedProviders: 3, bookings: 6, familiesServed: 3 } },
    ]);
    expect(a.map!.shapes).toHaveLength(88);
    expect(a.map!.shapes.find((s) => s.id === 1)!.value).toBe(4);
    expect(a.map!.shapes.find((s) => s.id === 2)!.value).toBeNull();
    expect(a.map!.legend.at(-1)!.max).toBeGreaterThanOrEqual(4);
  });
});

describe("booking figures from the facts view", () => {
  it("count a new booking once the worker's refresh has run, and record when it ran", async () => {
    const before = await getDashboard(ctx.db, admin, queryFor({ kind: "quartiere", id: fixture.quartiereC }), { now: KNOWN_NOW, withMap: false });
    const provider = await ctx.db.selectFrom("providers").select("id").where("display_name", "=", "Pina Quattro").executeTakeFirstOrThrow();
    await insertBookingAt(ctx.db, {
      providerId: provider.id, familyUserId: fixture.families.f4.id, category: "badante", quartiereId: fixture.quartiereC, status: "confirmed",
      createdAt: "2025-02-02T10:00:00Z", firstDate: "2025-02-03",
      transitions: [["request", "requested", "2025-02-02T10:00:00Z"], ["accept", "accepted", "2025-02-02T10:40:00Z"]],
    });
    const stale = await getDashboard(ctx.db, admin, queryFor({ kind: "quartiere", id: fixture.quartiereC }), { now: KNOWN_NOW, withMap: false });
    expect(stale.bookings.total).toBe(before.bookings.total);

    await createTaskList({ db: ctx.db, mail: { smtpUrl: "smtp://127.0.0.1:1", from: "x@example.org", siteUrl: "http://localhost" } })[IMPACT_FACTS_TASK]!({}, { logger: { debug() {} } } as never);
    const fresh = await getDashboard(ctx.db, admin, queryFor({ kind: "quartiere", id: fixture.quartiereC }), { now: KNOWN_NOW, withMap: false });
    expect(fresh.bookings.total).toBe(before.bookings.total + 1);
    expect(fresh.indicators.familiesServed).toBe(1);
    expect(fresh.responseTime).toEqual({ averageMinutes: 40, answered: 1 });
    expect(Date.parse(fresh.bookingsAsOf!)).toBeGreaterThan(Date.parse(before.bookingsAsOf!));
    expect(parseCrontab(crontab).map((c) => c.task)).toContain(IMPACT_FACTS_TASK);
  });
});

describe("the area each role may see", () => {
  it("refuses an operator of quartiere A the figures of quartiere B, and of a municipio they do not fully cover", async () => {
    await expect(getDashboard(ctx.db, operatorA, queryFor({ kind: "quartiere", id: fixture.quartiereB }))).rejects.toBeInstanceOf(AuthorisationError);
    await expect(getDashboard(ctx.db, operatorA, queryFor({ kind: "municipio", id: 1 }))).rejects.toBeInstanceOf(AuthorisationError);
    await expect(getDashboard(ctx.db, operatorB, queryFor({ kind: "quartiere", id: fixture.quartiereA }))).rejects.toBeInstanceOf(AuthorisationError);
  });

  it("refuses anyone who is not an operator or an admin", async () => {
    await expect(getDashboard(ctx.db, family, queryFor({ kind: "all" }))).rejects.toBeInstanceOf(AuthorisationError);
    await expect(getDashboard(ctx.db, null, queryFor({ kind: "all" }))).rejects.toBeInstanceOf(AuthorisationError);
  });

  it("shows operator B only B's figures", async () => {
    const b = await getDashboard(ctx.db, operatorB, queryFor({ kind: "all" }), { now: KNOWN_NOW, withMap: false });
    expect(b.quartieri.map((q) => q.id)).toEqual([fixture.quartiereB]);
    expect(b.indicators).toMatchObject({ familiesServed: 1, providersNewlyVerified: 1, vouchersSpentCents: 4_000, crossQuartiereLinks: 0, sharedServicesFormed: 1 });
    expect(b.measureTotals).toMatchObject({ unmetSearches: 1, openNeeds: 1, bookings: 1 });
  });

  it("lets an admin read quartiere B, a municipio and the whole city, where searches without a quartiere count too", async () => {
    const b = await getDashboard(ctx.db, admin, queryFor({ kind: "quartiere", id: fixture.quartiereB }), { now: KNOWN_NOW, withMap: false });
    expect(b.indicators.familiesServed).toBe(1);

    const city = await getDashboard(ctx.db, admin, queryFor({ kind: "all" }), { now: KNOWN_NOW, withMap: false });
    expect(city.area.isCity).toBe(true);
    expect(city.quartieri).toHaveLength(88);
    expect(city.measureTotals.unmetSearches).toBe(6);
    expect(city.unlocated!.unmetSearches).toBe(1);
    expect(city.quartieri.reduce((s, q) => s + q.values.unmetSearches, 0) + city.unlocated!.unmetSearches).toBe(6);
    expect(city.indicators.familiesServed).toBe(4);

    const municipio1 = await getDashboard(ctx.db, admin, queryFor({ kind: "municipio", id: 1 }), { now: KNOWN_NOW, withMap: false });
    const inside = (await listQuartieri(ctx.db)).filter((q) => q.municipioIds[0] === 1).map((q) => q.id);
    expect(municipio1.quartieri.map((q) => q.id).sort((x, y) => x - y)).toEqual(inside.sort((x, y) => x - y));
    await expect(getDashboard(ctx.db, admin, queryFor({ kind: "quartiere", id: 999 }))).rejects.toBeInstanceOf(UnknownAreaError);
  });

  it("lets an operator who covers every quartiere of a municipio see it", async () => {
    const inside = (await listQuartieri(ctx.db)).filter((q) => q.municipioIds[0] === 1).map((q) => q.id);
    const operatorM1 = await insertPerson(ctx.db, { roles: ["operator"], quartieri: inside });
    const m1 = await getDashboard(ctx.db, operatorM1, queryFor({ kind: "municipio", id: 1 }), { now: KNOWN_NOW, withMap: false });
    expect(m1.areaOptions.some((o) => o.value === "m1")).toBe(true);
    // A municipio's additive figures are the sum of its quartieri's.
    const city = await getDashboard(ctx.db, admin, queryFor({ kind: "all" }), { now: KNOWN_NOW, withMap: false });
    const sumInside = (measure: "bookings" | "openNeeds" | "unmetSearches") => city.quartieri.filter((q) => inside.includes(q.id)).reduce((sum, q) => sum + q.values[measure], 0);
    expect(m1.measureTotals.bookings).toBe(sumInside("bookings"));
    expect(m1.measureTotals.openNeeds).toBe(sumInside("openNeeds"));
    expect(m1.measureTotals.unmetSearches).toBe(sumInside("unmetSearches"));
    expect(m1.measureTotals.bookings).toBeGreaterThanOrEqual(7);
  });
});
