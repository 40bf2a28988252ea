import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client";
import type { UserRole } from "../../db/schema";
import { AuthorisationError, type CurrentUser } from "../../app/domain/accounts/current-user";
import { loadCurrentUser } from "../../app/domain/accounts/sessions.server";
import { auditTrail } from "../../app/domain/audit/audit-log.server";
import { isCondominiumMember, membershipOf } from "../../app/domain/sharing/condominiums/access.server";
import { CondominiumError } from "../../app/domain/sharing/condominiums/condominium-errors";
import {
  createCondominium,
  getCondominiumPage,
  joinCondominium,
  leaveCondominium,
  listCondominiumGroups,
  listMembers,
  listMyCondominiums,
  listSharedNeeds,
  regenerateInviteCode,
  removeMember,
  setNeedsConsent,
} from "../../app/domain/sharing/condominiums/condominiums.server";
import { normaliseInviteCode } from "../../app/domain/sharing/condominiums/invite-code";
import { hideNotice, listNotices, NOTICES_PER_HOUR, postNotice } from "../../app/domain/sharing/condominiums/notice-board.server";
import { getCondominiumPoster } from "../../app/domain/sharing/condominiums/poster.server";
import { createCondominiumSchema, joinCondominiumSchema, parseForm } from "../../app/domain/sharing/condominiums/schemas";
import { duringAccountErasure } from "../support/account-erasure-in-progress";
import { createTestContext, type TestContext } from "../support/test-context";

// NIL ids from the shipped open data: 1 DUOMO, 2 BRERA.
const QUARTIERE = 1;

let ctx: TestContext;

async function insertUser(db: DB, options: { roles?: UserRole[]; quartieri?: number[]; name?: string } = {}): Promise<CurrentUser> {
  const email = `${crypto.randomBytes(5).toString("hex")}@example.test`;
  const { id } = await db
    .insertInto("users")
    .values({ email, password_hash: null, display_name: options.name ?? email, locale: "it", email_verified_at: new Date() })
    .returning("id")
    .executeTakeFirstOrThrow();
  const roles = options.roles ?? ["family"];
  if (roles.length > 0) await db.insertInto("user_roles").values(roles.map((role) => ({ user_id: id, role }))).execute();
  if (options.quartieri?.length) {
    await db.insertInto("operator_quartieri").values(options.quartieri.map((q) => ({ user_id: id, quartiere_id: q }))).execute();
  }
  return (await loadCurrentUser(db, id))!;
}

/** The create form as a browser would send it, through the same schema the route uses. */
function createInput(fields: Record<string, string> = {}) {
  const parsed = parseForm(createCondominiumSchema, { name: "Condominio Via Padova 21", address: "Via Padova 21", quartiereId: String(QUARTIERE), units: "24", unitLabel: "Scala A, int. 3", ...fields });
  if (!parsed.success) throw new Error(`invalid fixture: ${JSON.stringify(parsed.errors)}`);
  return parsed.data;
}

function joinInput(code: string, unitLabel = "") {
  const parsed = parseForm(joinCondominiumSchema, { code, unitLabel });
  if (!parsed.success) throw new Error(`invalid code: ${JSON.stringify(parsed.errors)}`);
  return parsed.data;
}

/** A condominium with an administrator and the given residents already joined. */
async function condominiumWith(residentCount: number) {
  const administrator = await insertUser(ctx.db, { name: `Amministratrice ${crypto.randomBytes(2).toString("hex")}` });
  const created = await createCondominium(ctx.db, administrator, createInput());
  const residents: CurrentUser[] = [];
  for (let i = 0; i < residentCount; i++) {
    const resident = await insertUser(ctx.db, { name: `Residente ${i} ${crypto.randomBytes(2).toString("hex")}` });
    await joinCondominium(ctx.db, resident, joinInput(created.inviteCode, `int. ${i + 10}`));
    residents.push(resident);
  }
  return { id: created.id, code: created.inviteCode, administrator, residents };
}

async function insertNeed(familyUserId: string, condominiumId: string | null, options: { status?: "open" | "grouped" | "fulfilled" | "withdrawn"; details?: string } = {}) {
  const category = await ctx.db.selectFrom("service_categories").select("id").where("slug", "=", "babysitter").executeTakeFirstOrThrow();
  const centre = await ctx.db.selectFrom("quartieri").select(["lat", "lng"]).where("id", "=", QUARTIERE).executeTakeFirstOrThrow();
  const { id } = await ctx.db
    .insertInto("needs")
    .values({
      family_user_id: familyUserId,
      created_by_user_id: familyUserId,
      on_behalf_of: null,
      category_id: category.id,
      windows: JSON.stringify([{ weekday: 2, startMinute: 16 * 60, endMinute: 18 * 60 }]),
      address: "Via Padova 21",
      quartiere_id: QUARTIERE,
      lat: centre.lat,
      lng: centre.lng,
      condominium_id: condominiumId,
      details: options.details ?? "Due bambini, 4 e 7 anni",
      budget_cents_per_hour: null,
      status: options.status ?? "open",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx?.cleanup();
});

describe("creating a condominium", () => {
  it("makes the creator its administrator, with a typeable code and the quartiere centre when no location is given", async () => {
    const creator = await insertUser(ctx.db, { name: "Carla Creatrice" });
    const created = await createCondominium(ctx.db, creator, createInput());

    expect(created.inviteCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(created.approximateLocation).toBe(true);
    expect(await membershipOf(ctx.db, creator.id, created.id)).toMatchObject({ role: "administrator", unitLabel: "Scala A, int. 3", sharesNeeds: false });

    const row = await ctx.db.selectFrom("condominiums").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
    const centre = await ctx.db.selectFrom("quartieri").select(["lat", "lng"]).where("id", "=", QUARTIERE).executeTakeFirstOrThrow();
    expect({ lat: row.lat, lng: row.lng }).toEqual(centre);
    expect(row.invite_code).toBe(normaliseInviteCode(created.inviteCode));
    expect(row.created_by).toBe(creator.id);

    const page = await getCondominiumPage(ctx.db, creator, created.id);
    expect(page.condominium).toMatchObject({ name: "Condominio Via Padova 21", inviteCode: created.inviteCode, approximateLocation: true, units: 24 });
    expect(page.me.role).toBe("administrator");
    expect(await listMyCondominiums(ctx.db, creator)).toEqual([expect.objectContaining({ id: created.id, role: "administrator", memberCount: 1 })]);
  });

  it("uses the device location when one inside Milan is given, and refuses one outside", async () => {
    const creator = await insertUser(ctx.db);
    const created = await createCondominium(ctx.db, creator, createInput({ lat: "45.49712", lng: "9.22031" }));
    expect(created.approximateLocation).toBe(false);
    const row = await ctx.db.selectFrom("condominiums").select(["lat", "lng"]).where("id", "=", created.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ lat: 45.49712, lng: 9.22031 });

    const outside = parseForm(createCondominiumSchema, { name: "Casa", address: "Via Roma 1", quartiereId: "1", units: "4", lat: "41.9", lng: "12.5" });
    expect(outside.success).toBe(false);
    if (!outside.success) expect(outside.errors.lat).toBe("errors.locationOutside");
  });

  it("gives each form field its own translated error key", () => {
    const result = parseForm(createCondominiumSchema, { name: "", address: "x", quartiereId: "", units: "1", unitLabel: "a\u0000b" });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.errors).toEqual({
        name: "errors.nameRequired",
        address: "errors.addressRequired",
        quartiereId: "errors.quartiereRequired",
        units: "errors.unitsRange",
        unitLabel: "errors.unitLabelInvalid",
      });
    }
  });

  it("refuses a quartiere that does not exist", async () => {
    const creator = await insertUser(ctx.db);
    await expect(createCondominium(ctx.db, creator, createInput({ quartiereId: "999" }))).rejects.toMatchObject({ code: "quartiere_unknown" });
  });
});

describe("joining with the invite code", () => {
  it("adds a resident with their unit, however the code is typed", async () => {
    const { id, code } = await condominiumWith(0);
    const [typedLower, typedSpaced] = [await insertUser(ctx.db), await insertUser(ctx.db)];
    const spaced = `${code.slice(0, 4).toLowerCase()} ${code.slice(5).toLowerCase()}`;

    expect(await joinCondominium(ctx.db, typedLower, joinInput(code.toLowerCase(), "int. 7"))).toEqual({ condominiumId: id, alreadyMember: false });
    expect(await joinCondominium(ctx.db, typedSpaced, joinInput(spaced))).toEqual({ condominiumId: id, alreadyMember: false });
    expect(await membershipOf(ctx.db, typedLower.id, id)).toMatchObject({ role: "resident", unitLabel: "int. 7", sharesNeeds: false });
    expect(await membershipOf(ctx.db, typedSpaced.id, id)).toMatchObject({ role: "resident", unitLabel: null });
  });

  it("refuses a wrong code with a clear error, and a malformed one already in the form", async () => {
    const { code } = await condominiumWith(0);
    const neighbour = await insertUser(ctx.db);
    // Same shape, one symbol changed: a code that belongs to nobody.
    const last = code.at(-1) === "2" ? "3" : "2";
    const wrong = `${code.slice(0, -1)}${last}`;
    await expect(joinCondominium(ctx.db, neighbour, joinInput(wrong))).rejects.toBeInstanceOf(CondominiumError);
    await expect(joinCondominium(ctx.db, neighbour, joinInput(wrong))).rejects.toMatchObject({ code: "code_unknown" });

    const malformed = parseForm(joinCondominiumSchema, { code: "ABC-12" });
    expect(malformed).toEqual({ success: false, errors: { code: "errors.codeFormat" } });
    expect(parseForm(joinCondominiumSchema, { code: "" })).toEqual({ success: false, errors: { code: "errors.codeRequired" } });
  });

  it("is harmless to join twice: nothing changes, not even the role", async () => {
    const { id, code, administrator, residents } = await condominiumWith(1);
    expect(await joinCondominium(ctx.db, residents[0], joinInput(code, "altro interno"))).toEqual({ condominiumId: id, alreadyMember: true });
    expect(await joinCondominium(ctx.db, administrator, joinInput(code))).toEqual({ condominiumId: id, alreadyMember: true });
    expect(await membershipOf(ctx.db, administrator.id, id)).toMatchObject({ role: "administrator" });
    expect(await membershipOf(ctx.db, residents[0].id, id)).toMatchObject({ unitLabel: "int. 10" });
    expect(await listMembers(ctx.db, administrator, id)).toHaveLength(2);
  });

  it("regenerating the code makes the old one stop working at once", async () => {
    const { id, code, administrator, residents } = await condominiumWith(1);
    const { inviteCode: fresh } = await regenerateInviteCode(ctx.db, administrator, id);
    expect(fresh).not.toBe(code);

    const late = await insertUser(ctx.db);
    await expect(joinCondominium(ctx.db, late, joinInput(code))).rejects.toMatchObject({ code: "code_unknown" });
    expect(await joinCondominium(ctx.db, late, joinInput(fresh))).toEqual({ condominiumId: id, alreadyMember: false });
    // Existing members stay, and only an administrator may draw a new code.
    expect(await isCondominiumMember(ctx.db, residents[0].id, id)).toBe(true);
    await expect(regenerateInviteCode(ctx.db, residents[0], id)).rejects.toBeInstanceOf(AuthorisationError);
    expect(await auditTrail(ctx.db, "condominium", id)).toEqual([expect.objectContaining({ action: "condominium.regenerate_code", actor_user_id: administrator.id })]);
  });
});

describe("members and the needs they share", () => {
  it("lists members by name and unit, to members only", async () => {
    const { id, administrator, residents } = await condominiumWith(2);
    const members = await listMembers(ctx.db, residents[1], id);
    expect(members.map((m) => m.userId)).toEqual([administrator.id, ...[...residents].sort((a, b) => a.displayName!.localeCompare(b.displayName!)).map((r) => r.id)]);
    expect(members.find((m) => m.userId === residents[1].id)).toMatchObject({ isMe: true, unitLabel: "int. 11", role: "resident" });
  });

  it("shows a member's open needs only after they consent, and never a non-consenting member's", async () => {
    const { id, administrator, residents } = await condominiumWith(2);
    const [consenting, private_] = residents;
    const sharedNeed = await insertNeed(consenting.id, id, { details: "Doposcuola martedì" });
    const privateNeed = await insertNeed(private_.id, id, { details: "Non per i vicini" });

    // Before consent nobody's needs appear.
    expect(await listSharedNeeds(ctx.db, administrator, id)).toEqual([]);

    await setNeedsConsent(ctx.db, consenting, id, true);
    const seenByAdministrator = await listSharedNeeds(ctx.db, administrator, id);
    expect(seenByAdministrator.map((n) => n.id)).toEqual([sharedNeed]);
    expect(seenByAdministrator[0]).toMatchObject({
      categorySlug: "babysitter",
      details: "Doposcuola martedì",
      windows: [{ weekday: 2, startMinute: 960, endMinute: 1080 }],
      authorName: consenting.displayName,
      unitLabel: "int. 10",
      isMine: false,
    });
    const seenByPrivate = await listSharedNeeds(ctx.db, private_, id);
    expect(seenByPrivate.map((n) => n.id)).toEqual([sharedNeed]);
    expect(seenByPrivate.map((n) => n.id)).not.toContain(privateNeed);
    expect((await getCondominiumPage(ctx.db, private_, id)).needs.map((n) => n.id)).toEqual([sharedNeed]);

    // Withdrawing consent hides the needs again.
    await setNeedsConsent(ctx.db, consenting, id, false);
    expect(await listSharedNeeds(ctx.db, administrator, id)).toEqual([]);
  });

  it("shows only open needs posted for this condominium, and none of a member who left", async () => {
    const { id, administrator, residents } = await condominiumWith(1);
    const other = await condominiumWith(0);
    const [resident] = residents;
    await setNeedsConsent(ctx.db, resident, id, true);
    const open = await insertNeed(resident.id, id);
    await insertNeed(resident.id, id, { status: "grouped" });
    await insertNeed(resident.id, id, { status: "withdrawn" });
    await insertNeed(resident.id, null);
    await insertNeed(resident.id, other.id);
    expect((await listSharedNeeds(ctx.db, administrator, id)).map((n) => n.id)).toEqual([open]);

    await leaveCondominium(ctx.db, resident, id);
    expect(await listSharedNeeds(ctx.db, administrator, id)).toEqual([]);
  });

  it("never shows a condominium's needs to someone outside it, consent or not", async () => {
    const { id, residents } = await condominiumWith(1);
    await setNeedsConsent(ctx.db, residents[0], id, true);
    await insertNeed(residents[0].id, id);
    const outsider = await insertUser(ctx.db);
    await expect(listSharedNeeds(ctx.db, outsider, id)).rejects.toBeInstanceOf(AuthorisationError);
  });

  it("lets an administrator remove a member and anybody leave; the last administrator hands over, the last member deletes it", async () => {
    const { id, administrator, residents } = await condominiumWith(2);
    const [first, second] = residents;
    await expect(removeMember(ctx.db, first, id, second.id)).rejects.toBeInstanceOf(AuthorisationError);

    await removeMember(ctx.db, administrator, id, second.id);
    expect(await isCondominiumMember(ctx.db, second.id, id)).toBe(false);
    await expect(getCondominiumPage(ctx.db, second, id)).rejects.toBeInstanceOf(AuthorisationError);
    await expect(removeMember(ctx.db, administrator, id, second.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await auditTrail(ctx.db, "condominium", id)).toEqual([
      expect.objectContaining({ action: "condominium.remove_member", details: { memberUserId: second.id } }),
    ]);

    expect(await leaveCondominium(ctx.db, administrator, id)).toEqual({ condominiumDeleted: false });
    expect(await membershipOf(ctx.db, first.id, id)).toMatchObject({ role: "administrator" });

    expect(await leaveCondominium(ctx.db, first, id)).toEqual({ condominiumDeleted: true });
    expect(await ctx.db.selectFrom("condominiums").select("id").where("id", "=", id).executeTakeFirst()).toBeUndefined();
  });

  it("lists the condominium's live shared groups", async () => {
    const { id, administrator, residents } = await condominiumWith(1);
    const category = await ctx.db.selectFrom("service_categories").select("id").where("slug", "=", "babysitter").executeTakeFirstOrThrow();
    const centre = await ctx.db.selectFrom("quartieri").select(["lat", "lng"]).where("id", "=", QUARTIERE).executeTakeFirstOrThrow();
    const group = (status: "formed" | "dissolved") =>
      ctx.db
        .insertInto("shared_groups")
        .values({
          proposal_key: crypto.randomUUID(),
          category_id: category.id,
          status,
          quartiere_id: QUARTIERE,
          condominium_id: id,
          meeting_lat: centre.lat,
          meeting_lng: centre.lng,
          shared_windows: JSON.stringify([{ weekday: 2, startMinute: 960, endMinute: 1080 }]),
          weekly_minutes: 120,
          hourly_total_cents: 1800,
          individual_hourly_cents: 1300,
          created_by_user_id: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
    const live = await group("formed");
    await group("dissolved");
    const need = await insertNeed(residents[0].id, id);
    await ctx.db.insertInto("shared_group_members").values({ group_id: live.id, need_id: need, family_user_id: residents[0].id, status: "accepted", share_hourly_cents: 900 }).execute();

    expect(await listCondominiumGroups(ctx.db, administrator, id)).toEqual([{ id: live.id, categorySlug: "babysitter", status: "formed", memberCount: 1 }]);
  });
});

describe("the notice board", () => {
  it("shows members' notices newest first with author and date", async () => {
    const { id, administrator, residents } = await condominiumWith(1);
    await postNotice(ctx.db, administrator, id, "Riunione di condominio giovedì alle 21");
    await postNotice(ctx.db, residents[0], id, "Cerco qualcuno per\nportare a spasso il cane");
    const notices = await listNotices(ctx.db, residents[0], id);
    expect(notices.map((n) => [n.body, n.authorName, n.isMine])).toEqual([
      ["Cerco qualcuno per\nportare a spasso il cane", residents[0].displayName, true],
      ["Riunione di condominio giovedì alle 21", administrator.displayName, false],
    ]);
    expect(Date.parse(notices[0].createdAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("lets the author or an administrator hide a notice, nobody else", async () => {
    const { id, administrator, residents } = await condominiumWith(2);
    const [author, neighbour] = residents;
    const own = await postNotice(ctx.db, author, id, "Vendo passeggino");
    const moderated = await postNotice(ctx.db, author, id, "Avviso da moderare");
    const third = await postNotice(ctx.db, administrator, id, "Pulizia scale lunedì");

    const seenByNeighbour = await listNotices(ctx.db, neighbour, id);
    expect(seenByNeighbour.every((n) => !n.canHide)).toBe(true);
    await expect(hideNotice(ctx.db, neighbour, id, own.id)).rejects.toBeInstanceOf(AuthorisationError);
    await expect(hideNotice(ctx.db, author, id, third.id)).rejects.toBeInstanceOf(AuthorisationError);

    await hideNotice(ctx.db, author, id, own.id);
    await hideNotice(ctx.db, administrator, id, moderated.id);
    expect((await listNotices(ctx.db, neighbour, id)).map((n) => n.body)).toEqual(["Pulizia scale lunedì"]);
    await expect(hideNotice(ctx.db, author, id, own.id)).rejects.toMatchObject({ code: "not_found" });
    // Only moderation by someone else is recorded.
    expect(await auditTrail(ctx.db, "condominium_post", moderated.id)).toEqual([expect.objectContaining({ action: "condominium_post.hide", actor_user_id: administrator.id })]);
    expect(await auditTrail(ctx.db, "condominium_post", own.id)).toEqual([]);
  });

  it("cannot hide a notice of another condominium through this one", async () => {
    const a = await condominiumWith(0);
    const b = await condominiumWith(0);
    const post = await postNotice(ctx.db, b.administrator, b.id, "Solo per B");
    await expect(hideNotice(ctx.db, a.administrator, a.id, post.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listNotices(ctx.db, b.administrator, b.id)).map((n) => n.id)).toEqual([post.id]);
  });

  it(`allows ${NOTICES_PER_HOUR} notices per person per hour, then a clear error`, async () => {
    const { id, residents } = await condominiumWith(1);
    const [resident] = residents;
    for (let i = 0; i < NOTICES_PER_HOUR; i++) await postNotice(ctx.db, resident, id, `Avviso ${i}`);
    await expect(postNotice(ctx.db, resident, id, "Uno di troppo")).rejects.toMatchObject({ code: "too_many_notices", details: { limit: NOTICES_PER_HOUR } });
    // Posts older than an hour no longer count.
    await ctx.db.updateTable("condominium_posts").set({ created_at: new Date(Date.now() - 61 * 60_000) }).where("author_user_id", "=", resident.id).execute();
    await expect(postNotice(ctx.db, resident, id, "Di nuovo")).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("joining or creating while one's account is being erased waits for the erasure, then is refused and leaves nothing", async () => {
    const { id, code } = await condominiumWith(0);
    const joining = await insertUser(ctx.db, { name: "Vicina in uscita" });
    const join = await duringAccountErasure(ctx.databaseUrl, joining.id, () => joinCondominium(ctx.db, joining, joinInput(code, "int. 9")));
    expect(join.finishedBeforeCommit).toBe(false);
    expect(join.outcome.status === "rejected" && join.outcome.reason).toBeInstanceOf(AuthorisationError);
    expect(await membershipOf(ctx.db, joining.id, id)).toBeNull();

    const creating = await insertUser(ctx.db, { name: "Amministratrice in uscita" });
    const create = await duringAccountErasure(ctx.databaseUrl, creating.id, () => createCondominium(ctx.db, creating, createInput()));
    expect(create.finishedBeforeCommit).toBe(false);
    expect(create.outcome.status === "rejected" && create.outcome.reason).toBeInstanceOf(AuthorisationError);
    expect(await ctx.db.selectFrom("condominiums").select("id").where("created_by", "=", creating.id).execute()).toEqual([]);
  });

  it("a notice posted while its author's account is being erased waits for the erasure, then is refused and not kept", async () => {
    const { id, residents } = await condominiumWith(1);
    const [leaving] = residents;
    const { finishedBeforeCommit, outcome } = await duringAccountErasure(ctx.databaseUrl, leaving.id, () => postNotice(ctx.db, leaving, id, "Ultimo avviso"));
    expect(finishedBeforeCommit).toBe(false);
    expect(outcome.status === "rejected" && outcome.reason).toBeInstanceOf(AuthorisationError);
    expect(await ctx.db.selectFrom("condominium_posts").select("id").where("author_user_id", "=", leaving.id).execute()).toEqual([]);
  });
});

describe("authorisation", () => {
  it("refuses every function to someone who is not a member, even with the right id", async () => {
    const { id, residents } = await condominiumWith(1);
    const post = await postNotice(ctx.db, residents[0], id, "Solo per i membri");
    const operator = await insertUser(ctx.db, { roles: ["operator"], quartieri: [QUARTIERE] });
    const admin = await insertUser(ctx.db, { roles: ["admin"] });
    const family = await insertUser(ctx.db, { roles: ["family"] });

    for (const outsider of [family, operator, admin]) {
      const attempts: Array<[string, () => Promise<unknown>]> = [
        ["getCondominiumPage", () => getCondominiumPage(ctx.db, outsider, id)],
        ["listMembers", () => listMembers(ctx.db, outsider, id)],
        ["listSharedNeeds", () => listSharedNeeds(ctx.db, outsider, id)],
        ["listCondominiumGroups", () => listCondominiumGroups(ctx.db, outsider, id)],
        ["listNotices", () => listNotices(ctx.db, outsider, id)],
        ["postNotice", () => postNotice(ctx.db, outsider, id, "Intruso")],
        ["hideNotice", () => hideNotice(ctx.db, outsider, id, post.id)],
        ["setNeedsConsent", () => setNeedsConsent(ctx.db, outsider, id, true)],
        ["removeMember", () => removeMember(ctx.db, outsider, id, residents[0].id)],
        ["leaveCondominium", () => leaveCondominium(ctx.db, outsider, id)],
        ["regenerateInviteCode", () => regenerateInviteCode(ctx.db, outsider, id)],
        ["getCondominiumPoster", () => getCondominiumPoster(ctx.db, outsider, id, { siteUrl: "http://localhost:3000" })],
      ];
      for (const [name, attempt] of attempts) {
        await expect(attempt(), `${name} as ${outsider.roles.join(",")}`).rejects.toBeInstanceOf(AuthorisationError);
      }
    }
    // Nothing changed.
    expect((await listNotices(ctx.db, residents[0], id)).map((n) => n.body)).toEqual(["Solo per i membri"]);
    expect(await isCondominiumMember(ctx.db, residents[0].id, id)).toBe(true);
    expect(await membershipOf(ctx.db, residents[0].id, id)).toMatchObject({ sharesNeeds: false });
  });

  it("answers a guessed or malformed id exactly like an existing one", async () => {
    const member = await insertUser(ctx.db);
    for (const id of [crypto.randomUUID(), "not-a-uuid", "' or 1=1 --"]) {
      await expect(getCondominiumPage(ctx.db, member, id)).rejects.toBeInstanceOf(AuthorisationError);
      await expect(postNotice(ctx.db, member, id, "x")).rejects.toBeInstanceOf(AuthorisationError);
    }
  });
});

describe("the poster", () => {
  it("encodes the absolute join URL with the code, as an SVG QR code", async () => {
    const { id, code, residents } = await condominiumWith(1);
    const poster = await getCondominiumPoster(ctx.db, residents[0], id, { siteUrl: "https://vicinato.example.org" });
    expect(poster.inviteCode).toBe(code);
    expect(poster.joinUrl).toBe(`https://vicinato.example.org/condominiums/join?code=${code}`);
    expect(poster.joinPage).toBe("https://vicinato.example.org/condominiums/join");
    expect(poster.qrSvg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(poster.qrSvg).toContain("<path");
  });
});
