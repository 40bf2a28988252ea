import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthorisationError, type CurrentUser } from "../../app/domain/accounts/current-user";
import { auditTrail } from "../../app/domain/audit/audit-log.server";
import { getDashboard } from "../../app/domain/impact/dashboard.server";
import { parseDirectoryQuery, type OrganisationInput } from "../../app/domain/impact/network/network-schemas";
import {
  createNetworkOrganisation,
  listManagedOrganisations,
  searchNetworkDirectory,
  updateNetworkOrganisation,
} from "../../app/domain/impact/network/network.server";
import { referNeed } from "../../app/domain/impact/network/referrals.server";
import { refreshImpactFacts } from "../../app/domain/impact/booking-facts.server";
import { createTestContext, type TestContext } from "../support/test-context";
import { insertNeedAt, insertPerson, KNOWN_NOW, KNOWN_PERIOD, seedKnownImpactFixture, type KnownFixture } from "../support/impact-fixtures";

/** The third-sector network directory and routing a need to one of its organisations. */

let ctx: TestContext;
let fixture: KnownFixture;
let operatorA: CurrentUser;
let operatorB: CurrentUser;
let admin: CurrentUser;
let family: CurrentUser;

const organisation = (overrides: Partial<OrganisationInput> = {}): OrganisationInput => ({
  name: "Associazione Il Ponte",
  kind: "association",
  description: "Doposcuola e compagnia agli anziani nel quartiere.",
  categories: ["doposcuola"],
  offers: "Doposcuola martedì e giovedì 15–18",
  contact: "02 1234567 · ponte@example.org",
  quartieri: [1],
  ...overrides,
});

beforeAll(async () => {
  ctx = await createTestContext();
  fixture = await seedKnownImpactFixture(ctx.db);
  await refreshImpactFacts(ctx.db);
  operatorA = await insertPerson(ctx.db, { roles: ["operator"], quartieri: [1] });
  operatorB = await insertPerson(ctx.db, { roles: ["operator"], quartieri: [2] });
  admin = await insertPerson(ctx.db, { roles: ["admin"] });
  family = await insertPerson(ctx.db, { roles: ["family"] });
});
afterAll(async () => {
  await ctx?.cleanup();
});

describe("the network directory", () => {
  it("lets an operator add an organisation of their quartieri, recorded in the audit log", async () => {
    const result = await createNetworkOrganisation(ctx.db, operatorA, organisation());
    expect(result.ok).toBe(true);
    const id = (result as { id: string }).id;
    const row = await ctx.db.selectFrom("network_organisations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: "Associazione Il Ponte", kind: "association", created_by: operatorA.id, updated_by: operatorA.id });
    expect(await auditTrail(ctx.db, "network_organisation", id)).toEqual([
      expect.objectContaining({ actor_user_id: operatorA.id, action: "network_organisation.create", details: { quartieri: [1] } }),
    ]);
  });

  it("refuses an operator an organisation in another operator's quartiere, and anyone else entirely", async () => {
    await expect(createNetworkOrganisation(ctx.db, operatorA, organisation({ quartieri: [1, 2] }))).rejects.toBeInstanceOf(AuthorisationError);
    await expect(createNetworkOrganisation(ctx.db, family, organisation())).rejects.toBeInstanceOf(AuthorisationError);
    await expect(listManagedOrganisations(ctx.db, family)).rejects.toBeInstanceOf(AuthorisationError);
  });

  it("lets each operator change only their own quartieri of a shared entry; one of another quartiere is refused", async () => {
    const created = await createNetworkOrganisation(ctx.db, admin, organisation({ name: "Parrocchia San Marco", kind: "parish", quartieri: [1, 2] }));
    const id = (created as { id: string }).id;
    // B renames it, keeping their quartiere 2: A's quartiere 1 stays.
    await updateNetworkOrganisation(ctx.db, operatorB, id, organisation({ name: "Parrocchia di San Marco", kind: "parish", quartieri: [2] }));
    const afterB = await ctx.db.selectFrom("network_organisation_quartieri").select("quartiere_id").where("organisation_id", "=", id).orderBy("quartiere_id").execute();
    expect(afterB.map((r) => r.quartiere_id)).toEqual([1, 2]);
    // A submits only quartiere 1: B's 2 is kept.
    await updateNetworkOrganisation(ctx.db, operatorA, id, organisation({ name: "Parrocchia di San Marco", kind: "parish", quartieri: [1], categories: ["babysitter", "doposcuola"] }));
    const afterA = await ctx.db.selectFrom("network_organisation_quartieri").select("quartiere_id").where("organisation_id", "=", id).orderBy("quartiere_id").execute();
    expect(afterA.map((r) => r.quartiere_id)).toEqual([1, 2]);
    const trail = await auditTrail(ctx.db, "network_organisation", id);
    expect(trail.at(-1)).toMatchObject({ actor_user_id: operatorA.id, action: "network_organisation.update", details: { changed: ["categories"], quartieri: [1, 2] } });

    // Adding a quartiere that is not theirs, or editing an entry that serves none of theirs, is refused.
    await expect(updateNetworkOrganisation(ctx.db, operatorA, id, organisation({ quartieri: [1, 3] }))).rejects.toBeInstanceOf(AuthorisationError);
    const onlyB = await createNetworkOrganisation(ctx.db, operatorB, organisation({ name: "Cooperativa Brera", kind: "cooperative", quartieri: [2] }));
    await expect(updateNetworkOrganisation(ctx.db, operatorA, (onlyB as { id: string }).id, organisation({ quartieri: [1] }))).rejects.toBeInstanceOf(AuthorisationError);
    expect(await updateNetworkOrganisation(ctx.db, operatorA, "00000000-0000-4000-8000-000000000000", organisation())).toBeNull();
  });

  it("lists for each operator only the entries serving their quartieri", async () => {
    const mine = await listManagedOrganisations(ctx.db, operatorB);
    expect(mine.organisations.map((o) => o.name).sort()).toEqual(["Cooperativa Brera", "Parrocchia di San Marco"]);
    expect(mine.quartieri.map((q) => q.id)).toEqual([2]);
    expect((await listManagedOrganisations(ctx.db, admin)).organisations.length).toBeGreaterThanOrEqual(3);
  });

  it("is searchable by anyone, by words, category and quartiere", async () => {
    const all = await searchNetworkDirectory(ctx.db, parseDirectoryQuery(new URLSearchParams()));
    expect(all.total).toBe(3);
    const byWord = await searchNetworkDirectory(ctx.db, parseDirectoryQuery(new URLSearchParams("q=giovedì")));
    expect(byWord.organisations.map((o) => o.name).sort()).toEqual(["Associazione Il Ponte", "Cooperativa Brera", "Parrocchia di San Marco"]);
    const byName = await searchNetworkDirectory(ctx.db, parseDirectoryQuery(new URLSearchParams("q=parrocchia")));
    expect(byName.organisations.map((o) => o.name)).toEqual(["Parrocchia di San Marco"]);
    const byCategory = await searchNetworkDirectory(ctx.db, parseDirectoryQuery(new URLSearchParams("category=babysitter")));
    expect(byCategory.organisations.map((o) => [o.name, o.categories])).toEqual([["Parrocchia di San Marco", ["babysitter", "doposcuola"]]]);
    const byQuartiere = await searchNetworkDirectory(ctx.db, parseDirectoryQuery(new URLSearchParams("quartiere=2")));
    expect(byQuartiere.total).toBe(2);
    // LIKE wildcards are taken literally; an invalid filter is ignored rather than an error.
    expect((await searchNetworkDirectory(ctx.db, parseDirectoryQuery(new URLSearchParams("q=%25")))).total).toBe(0);
    expect((await searchNetworkDirectory(ctx.db, parseDirectoryQuery(new URLSearchParams("quartiere=abc&page=-2")))).total).toBe(3);
  });
});

describe("routing an open need to an organisation", () => {
  it("records the referral with who and when, audit-logged, and shows it on the dashboard", async () => {
    const ponte = (await ctx.db.selectFrom("network_organisations").select("id").where("name", "=", "Associazione Il Ponte").executeTakeFirstOrThrow()).id;
    const result = await referNeed(ctx.db, operatorA, { needId: fixture.needs.n1, organisationId: ponte, note: "Chiamare il martedì" });
    expect(result).toMatchObject({ ok: true });
    const referral = await ctx.db.selectFrom("need_referrals").selectAll().where("need_id", "=", fixture.needs.n1).executeTakeFirstOrThrow();
    expect(referral).toMatchObject({ organisation_id: ponte, operator_user_id: operatorA.id, note: "Chiamare il martedì" });
    expect(await auditTrail(ctx.db, "need", fixture.needs.n1)).toEqual([
      expect.objectContaining({ actor_user_id: operatorA.id, action: "need.refer", details: { organisationId: ponte, referralId: String(referral.id) } }),
    ]);
    // The need stays open.
    expect((await ctx.db.selectFrom("needs").select("status").where("id", "=", fixture.needs.n1).executeTakeFirstOrThrow()).status).toBe("open");

    const dashboard = await getDashboard(ctx.db, operatorA, { scope: { kind: "all" }, ...KNOWN_PERIOD, measure: "openNeeds" }, { now: KNOWN_NOW, withNeedsToRoute: true, withMap: false });
    const listed = dashboard.needsToRoute!.needs.find((n) => n.id === fixture.needs.n1)!;
    expect(listed.referrals).toEqual([{ organisation: "Associazione Il Ponte", createdAt: expect.any(String) }]);
    expect(listed).not.toHaveProperty("address");
    expect(dashboard.needsToRoute!.total).toBe(4);
    // Organisations serving the need's quartiere, those offering its category first.
    const names = new Map(dashboard.needsToRoute!.organisations.map((o) => [o.id, o.name]));
    expect(listed.organisationIds.map((id) => names.get(id))).toEqual(["Parrocchia di San Marco", "Associazione Il Ponte"]);
  });

  it("refuses an operator of another quartiere, and anyone who is not an operator", async () => {
    const ponte = (await ctx.db.selectFrom("network_organisations").select("id").where("name", "=", "Associazione Il Ponte").executeTakeFirstOrThrow()).id;
    await expect(referNeed(ctx.db, operatorB, { needId: fixture.needs.n3, organisationId: ponte, note: "" })).rejects.toBeInstanceOf(AuthorisationError);
    await expect(referNeed(ctx.db, family, { needId: fixture.needs.n3, organisationId: ponte, note: "" })).rejects.toBeInstanceOf(AuthorisationError);
    expect(await ctx.db.selectFrom("need_referrals").select("id").where("need_id", "=", fixture.needs.n3).execute()).toEqual([]);
  });

  it("says so when the need is no longer open, the organisation does not exist or the need does not exist", async () => {
    const ponte = (await ctx.db.selectFrom("network_organisations").select("id").where("name", "=", "Associazione Il Ponte").executeTakeFirstOrThrow()).id;
    const done = await insertNeedAt(ctx.db, { familyUserId: fixture.families.f1.id, category: "colf", quartiereId: 1, status: "fulfilled", createdAt: "2025-02-01T10:00:00Z" });
    expect(await referNeed(ctx.db, operatorA, { needId: done, organisationId: ponte, note: "" })).toEqual({ ok: false, errors: { needId: "network.errors.needNotOpen" } });
    expect(await referNeed(ctx.db, operatorA, { needId: fixture.needs.n3, organisationId: "00000000-0000-4000-8000-000000000000", note: "" })).toEqual({
      ok: false,
      errors: { organisationId: "network.errors.organisation" },
    });
    expect(await referNeed(ctx.db, operatorA, { needId: "00000000-0000-4000-8000-000000000000", organisationId: ponte, note: "" })).toBeNull();
  });
});
