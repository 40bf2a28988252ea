import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthorisationError, type CurrentUser } from "../../app/domain/accounts/current-user";
import { auditTrail } from "../../app/domain/audit/audit-log.server";
import { roundLocation } from "../../app/domain/sharing/need-schemas";
import {
  getNeed,
  listMyNeeds,
  needFormOptions,
  operatorNeedsPage,
  postNeed,
  postNeedOnBehalf,
  updateNeed,
  withdrawNeed,
} from "../../app/domain/sharing/needs.server";
import { duringAccountErasure } from "../support/account-erasure-in-progress";
import { createTestContext, type TestContext } from "../support/test-context";
import { insertCondominium, insertFamily, insertUser, needForm, nextPlace, pendingAggregationJobs } from "../support/sharing-fixtures";

// NIL ids from the shipped open data: 1 DUOMO, 2 BRERA.
const DUOMO = 1;
const BRERA = 2;

let ctx: TestContext;
let operatorDuomo: CurrentUser;
let operatorBrera: CurrentUser;

beforeAll(async () => {
  ctx = await createTestContext();
  operatorDuomo = await insertUser(ctx.db, { roles: ["operator"], quartieri: [DUOMO], name: "Operatrice Duomo" });
  operatorBrera = await insertUser(ctx.db, { roles: ["operator"], quartieri: [BRERA], name: "Operatore Brera" });
});
afterAll(async () => {
  await ctx?.cleanup();
});

const needRow = (id: string) => ctx.db.selectFrom("needs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const needCount = async () => Number((await ctx.db.selectFrom("needs").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);

describe("posting a need", () => {
  it("validates everything and answers with a translated error per field, storing nothing", async () => {
    const family = await insertFamily(ctx.db);
    const before = await needCount();
    const result = await postNeed(
      ctx.db,
      family,
      needForm({
        windows: [
          { days: ["1"], from: "18:00", to: "16:00" },
          { days: [], from: "10:00", to: "" },
          { days: ["3"], from: "10:00", to: "10:30" },
        ],
        budget: "-5",
        address: "",
        category: "giardiniere",
      }),
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        category: "errors.categoryRequired",
        w0: "errors.windowOrder",
        w1: "errors.windowDays",
        w2: "errors.windowTooShort",
        address: "errors.addressRequired",
        budget: "errors.budgetNegative",
      },
    });
    expect(await needCount()).toBe(before);
  });

  it("needs at least one time window, and whole half hours", async () => {
    const family = await insertFamily(ctx.db);
    const empty = await postNeed(ctx.db, family, needForm({ days: [], from: "", to: "" }));
    expect(empty).toMatchObject({ ok: false, errors: { w0: "errors.windowsRequired" } });
    const offGrid = await postNeed(ctx.db, family, needForm({ from: "16:15", to: "18:15" }));
    expect(offGrid).toMatchObject({ ok: false, errors: { w0: "errors.windowTimes" } });
  });

  it("refuses a quartiere that does not exist and a condominium the family is not in", async () => {
    const family = await insertFamily(ctx.db);
    const someoneElse = await insertFamily(ctx.db);
    const condominium = await insertCondominium(ctx.db, [someoneElse]);
    const result = await postNeed(ctx.db, family, needForm({ quartiereId: "999", condominiumId: condominium }));
    expect(result).toEqual({ ok: false, errors: { quartiereId: "errors.quartiereUnknown", condominiumId: "errors.condominiumNotYours" } });
    const nonsense = await postNeed(ctx.db, family, needForm({ quartiereId: "abc", persons: "0", maxWalk: "20000", childrenAges: "4, dieci" }));
    expect(nonsense).toMatchObject({
      ok: false,
      errors: { quartiereId: "errors.quartiereUnknown", persons: "errors.personsRange", maxWalk: "errors.maxWalk", childrenAges: "errors.childrenAgesInvalid" },
    });
  });

  it("stores a valid need at the quartiere's centre when no location is given, and asks for an aggregation run", async () => {
    const family = await insertFamily(ctx.db);
    const condominium = await insertCondominium(ctx.db, [family]);
    const result = await postNeed(
      ctx.db,
      family,
      needForm({ condominiumId: condominium, budget: "9,50", childrenAges: "4 7", persons: "2", maxWalk: "800", openToSharing: "yes" }),
    );
    expect(result).toMatchObject({ ok: true, approximateLocation: true });
    if (!result.ok) return;
    const row = await needRow(result.needId);
    const centre = await ctx.db.selectFrom("quartieri").select(["lat", "lng"]).where("id", "=", DUOMO).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      family_user_id: family.id,
      created_by_user_id: family.id,
      on_behalf_of: null,
      quartiere_id: DUOMO,
      lat: centre.lat,
      lng: centre.lng,
      condominium_id: condominium,
      children_ages: [4, 7],
      persons: 2,
      budget_cents_per_hour: 950,
      open_to_sharing: true,
      max_walk_m: 800,
      status: "open",
    });
    expect(row.windows).toEqual([1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 990, endMinute: 1110 })));
    const jobs = await pendingAggregationJobs(ctx.db);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.key).toBe("aggregate_needs");

    const view = await getNeed(ctx.db, family, result.needId);
    expect(view).toMatchObject({ approximateLocation: true, quartiereName: "Duomo", canEdit: true, canWithdraw: true, condominium: { id: condominium } });
  });

  it("keeps a device location only to about 50 metres", async () => {
    const family = await insertFamily(ctx.db);
    const result = await postNeed(ctx.db, family, needForm({ lat: "45.497312", lng: "9.221344" }));
    expect(result).toMatchObject({ ok: true, approximateLocation: false });
    if (!result.ok) return;
    const row = await needRow(result.needId);
    expect({ lat: row.lat, lng: row.lng }).toEqual(roundLocation(45.497312, 9.221344));
    expect(Math.abs(row.lat - 45.497312) * 111_320).toBeLessThanOrEqual(25.1);
    // Outside Milan: refused.
    const outside = await postNeed(ctx.db, family, needForm({ lat: "41.9", lng: "12.5" }));
    expect(outside).toMatchObject({ ok: false, errors: { lat: "errors.locationOutside", lng: "errors.locationOutside" } });
  });

  it("coalesces a burst of changes into one pending aggregation run", async () => {
    const family = await insertFamily(ctx.db);
    for (let i = 0; i < 4; i++) await postNeed(ctx.db, family, needForm(nextPlace()));
    expect(await pendingAggregationJobs(ctx.db)).toHaveLength(1);
  });

  it("is for families: a provider account cannot post one", async () => {
    const provider = await insertUser(ctx.db, { roles: ["provider"] });
    await expect(postNeed(ctx.db, provider, needForm())).rejects.toBeInstanceOf(AuthorisationError);
  });

  it("a need posted while the same person's account is being erased waits for the erasure, then is refused and stores nothing", async () => {
    const family = await insertFamily(ctx.db);
    const { finishedBeforeCommit, outcome } = await duringAccountErasure(ctx.databaseUrl, family.id, () => postNeed(ctx.db, family, needForm()));
    expect(finishedBeforeCommit).toBe(false);
    expect(outcome.status === "rejected" && outcome.reason).toBeInstanceOf(AuthorisationError);
    expect(await ctx.db.selectFrom("needs").select("id").where("family_user_id", "=", family.id).execute()).toEqual([]);
  });
});

describe("a family's own needs", () => {
  it("lists, edits and withdraws them", async () => {
    const family = await insertFamily(ctx.db);
    const posted = await postNeed(ctx.db, family, needForm({ ...nextPlace(), details: "Prima versione" }));
    if (!posted.ok) throw new Error("not posted");

    const edited = await updateNeed(ctx.db, family, posted.needId, needForm({ details: "Seconda versione", from: "15:00", to: "18:00", days: ["2", "4"] }));
    expect(edited).toMatchObject({ ok: true });
    const row = await needRow(posted.needId);
    expect(row.details).toBe("Seconda versione");
    expect(row.windows).toEqual([
      { weekday: 2, startMinute: 900, endMinute: 1080 },
      { weekday: 4, startMinute: 900, endMinute: 1080 },
    ]);
    // The stored place stays when no new location is given and the quartiere is the same.
    const first = await needRow(posted.needId);
    expect(first.lat).toBeCloseTo(row.lat, 10);

    const badEdit = await updateNeed(ctx.db, family, posted.needId, needForm({ budget: "-1" }));
    expect(badEdit).toEqual({ ok: false, errors: { budget: "errors.budgetNegative" } });

    const { needs } = await listMyNeeds(ctx.db, family);
    expect(needs.map((n) => n.id)).toContain(posted.needId);

    expect(await withdrawNeed(ctx.db, family, posted.needId)).toEqual({ groupId: null });
    expect((await needRow(posted.needId)).status).toBe("withdrawn");
    await expect(withdrawNeed(ctx.db, family, posted.needId)).rejects.toMatchObject({ code: "not_open" });
    await expect(updateNeed(ctx.db, family, posted.needId, needForm())).rejects.toMatchObject({ code: "not_open" });
  });

  it("another family can neither see nor change them, nor can an operator (a family's need is not theirs)", async () => {
    const family = await insertFamily(ctx.db);
    const other = await insertFamily(ctx.db);
    const posted = await postNeed(ctx.db, family, needForm(nextPlace()));
    if (!posted.ok) throw new Error("not posted");
    await expect(getNeed(ctx.db, other, posted.needId)).rejects.toBeInstanceOf(AuthorisationError);
    await expect(updateNeed(ctx.db, other, posted.needId, needForm())).rejects.toBeInstanceOf(AuthorisationError);
    await expect(withdrawNeed(ctx.db, other, posted.needId)).rejects.toBeInstanceOf(AuthorisationError);
    await expect(getNeed(ctx.db, operatorDuomo, posted.needId)).rejects.toBeInstanceOf(AuthorisationError);
    expect(await getNeed(ctx.db, family, "00000000-0000-0000-0000-000000000000")).toBeNull();
    expect(await getNeed(ctx.db, family, "not-a-uuid")).toBeNull();
    expect((await needRow(posted.needId)).status).toBe("open");
  });
});

describe("posting on behalf of someone at a hub desk", () => {
  it("an operator posts in their quartiere, recorded in the audit log, and looks after it", async () => {
    const form = { ...needForm(nextPlace()), onBehalfOf: "Maria Bianchi", contactNote: "Chiamare in portineria, tel. 02 1234" };
    const result = await postNeedOnBehalf(ctx.db, operatorDuomo, form);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    const row = await needRow(result.needId);
    expect(row).toMatchObject({ family_user_id: null, created_by_user_id: operatorDuomo.id, quartiere_id: DUOMO });
    expect(row.on_behalf_of).toBe("Maria Bianchi\nChiamare in portineria, tel. 02 1234");
    expect(await auditTrail(ctx.db, "need", result.needId)).toEqual([
      expect.objectContaining({ actor_user_id: operatorDuomo.id, action: "need.post_on_behalf", details: { quartiereId: DUOMO, category: "babysitter" } }),
    ]);

    const view = await getNeed(ctx.db, operatorDuomo, result.needId);
    expect(view).toMatchObject({ viewer: "operator", onBehalf: { name: "Maria Bianchi", contactNote: "Chiamare in portineria, tel. 02 1234" } });
    const page = await operatorNeedsPage(ctx.db, operatorDuomo);
    expect(page.needs.find((n) => n.id === result.needId)).toMatchObject({ onBehalfName: "Maria Bianchi" });
    expect(page.quartieri).toEqual([{ id: DUOMO, name: "Duomo" }]);

    // Another quartiere's operator sees neither the need nor it in their list.
    await expect(getNeed(ctx.db, operatorBrera, result.needId)).rejects.toBeInstanceOf(AuthorisationError);
    expect((await operatorNeedsPage(ctx.db, operatorBrera)).needs.some((n) => n.id === result.needId)).toBe(false);
    await expect(operatorNeedsPage(ctx.db, operatorBrera, { quartiereId: DUOMO })).rejects.toBeInstanceOf(AuthorisationError);

    expect(await withdrawNeed(ctx.db, operatorDuomo, result.needId)).toEqual({ groupId: null });
    expect((await auditTrail(ctx.db, "need", result.needId)).map((a) => a.action)).toEqual(["need.post_on_behalf", "need.withdraw_on_behalf"]);
  });

  it("an operator of another quartiere cannot post on behalf there, even with a half-filled form", async () => {
    const before = await needCount();
    const form = { ...needForm(), quartiereId: String(DUOMO), onBehalfOf: "Luigi Verdi", contactNote: "" };
    await expect(postNeedOnBehalf(ctx.db, operatorBrera, form)).rejects.toBeInstanceOf(AuthorisationError);
    await expect(postNeedOnBehalf(ctx.db, operatorBrera, { ...form, address: "" })).rejects.toBeInstanceOf(AuthorisationError);
    const family = await insertFamily(ctx.db);
    await expect(postNeedOnBehalf(ctx.db, family, form)).rejects.toBeInstanceOf(AuthorisationError);
    expect(await needCount()).toBe(before);
  });

  it("needs the person's name, and offers the operator only their own quartieri", async () => {
    const result = await postNeedOnBehalf(ctx.db, operatorDuomo, { ...needForm(), onBehalfOf: "", contactNote: "" });
    expect(result).toMatchObject({ ok: false, errors: { onBehalfOf: "errors.onBehalfRequired" } });
    const options = await needFormOptions(ctx.db, operatorDuomo, { onBehalf: true });
    expect(options.quartieri.map((q) => q.id)).toEqual([DUOMO]);
    await expect(needFormOptions(ctx.db, operatorDuomo)).rejects.toBeInstanceOf(AuthorisationError);
  });
});
