import type { Kysely } from "kysely";
import type { Database, Need, NeedStatus, SharedGroupStatus } from "../../../db/schema";
import { isUuid } from "../../utils/uuid";
import { AuthorisationError, assertOperatorOf, assertRole, type CurrentUser } from "../accounts/current-user";
import { holdLiveAccount } from "../accounts/live-account.server";
import { recordAudit } from "../audit/audit-log.server";
import { listMunicipi, listQuartieri, type QuartiereSummary } from "../territory/territory.server";
import { inTransaction } from "../verification/change-provider-status.server";
import { assertVerifier, isAdmin } from "../verification/operator-access.server";
import { scheduleSlots } from "./aggregation/time-windows";
import type { ScheduleSlot, WeeklyWindow } from "./aggregation/types";
import { enqueueAggregation } from "./aggregation-queue.server";
import { afterMembersLeft, lockGroup, recordGroupEvent, type GroupActor } from "./group-core.server";
import {
  decodeOnBehalf,
  emptyNeedRaw,
  encodeOnBehalf,
  needSchema,
  onBehalfNeedSchema,
  parseNeedForm,
  windowsToRows,
  type FieldErrors,
  type NeedInput,
  type NeedRaw,
} from "./need-schemas";
import { centsToEuroInput } from "../providers/onboarding-schemas";
import { SharingError } from "./sharing-errors";

/**
 * Needs: what a family (or, at a hub desk, an operator for someone without an account) asks for,
 * in a weekly pattern, near a place. Every change asks for an aggregation run in the same
 * transaction. Who may do what is checked here:
 * - a family posts, edits and withdraws its own needs;
 * - an operator posts for someone only in one of their quartieri (recorded in the audit log), and
 *   looks after those needs; never a family's own need;
 * - a need in a live group cannot be edited (the group was built on it); withdrawing it from a
 *   proposal declines the proposal; from a formed group, the family leaves the group instead.
 */

type Db = Kysely<Database>;

export interface NeedFormOptions {
  quartieri: QuartiereSummary[];
  municipi: Array<{ id: number; name: string }>;
  condominiums: Array<{ id: string; name: string }>;
}

export type NeedSaveResult = { ok: true; needId: string; approximateLocation: boolean } | { ok: false; errors: FieldErrors };

/** What the need form offers this person: every quartiere (an operator: only theirs) and their condominiums. */
export async function needFormOptions(db: Db, user: CurrentUser, options: { onBehalf?: boolean } = {}): Promise<NeedFormOptions> {
  if (options.onBehalf) assertVerifier(user);
  else assertRole(user, "family");
  const [quartieri, municipi, condominiums] = await Promise.all([
    listQuartieri(db),
    listMunicipi(db),
    options.onBehalf
      ? Promise.resolve([])
      : db
          .selectFrom("condominium_members as m")
          .innerJoin("condominiums as c", "c.id", "m.condominium_id")
          .select(["c.id", "c.name"])
          .where("m.user_id", "=", user.id)
          .orderBy("c.name")
          .execute(),
  ]);
  const scope = options.onBehalf && !isAdmin(user) ? new Set(user.operatorQuartieri) : null;
  return {
    quartieri: scope ? quartieri.filter((q) => scope.has(q.id)) : quartieri,
    municipi: municipi.map(({ id, name }) => ({ id, name })),
    condominiums,
  };
}

async function quartiereCentre(db: Db, id: number) {
  return db.selectFrom("quartieri").select(["id", "lat", "lng"]).where("id", "=", id).executeTakeFirst();
}

async function isCondominiumMember(db: Db, userId: string, condominiumId: string): Promise<boolean> {
  const row = await db
    .selectFrom("condominium_members")
    .select("user_id")
    .where("condominium_id", "=", condominiumId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return !!row;
}

/** The place checks the schema cannot make: the quartiere exists, the condominium is one of theirs. */
async function placeErrors(db: Db, input: NeedInput, userId: string | null): Promise<{ errors: FieldErrors; centre?: { lat: number; lng: number } }> {
  const errors: FieldErrors = {};
  const centre = await quartiereCentre(db, input.quartiereId);
  if (!centre) errors.quartiereId = "errors.quartiereUnknown";
  if (input.condominiumId && !(userId && (await isCondominiumMember(db, userId, input.condominiumId)))) {
    errors.condominiumId = "errors.condominiumNotYours";
  }
  return { errors, centre };
}

function needValues(input: NeedInput, place: { lat: number; lng: number }) {
  return {
    category_id: 0,
    windows: JSON.stringify(input.windows),
    address: input.address,
    quartiere_id: input.quartiereId,
    lat: place.lat,
    lng: place.lng,
    condominium_id: input.condominiumId,
    details: input.details,
    children_ages: input.childrenAges,
    persons: input.persons,
    budget_cents_per_hour: input.budget,
    open_to_sharing: input.openToSharing,
    max_walk_m: input.maxWalk,
  };
}

async function categoryIdOf(db: Db, slug: string): Promise<number> {
  return (await db.selectFrom("service_categories").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
}

/** A family posts a need. Field errors come back translated-ready; nothing is stored then. */
export async function postNeed(db: Db, user: CurrentUser, raw: NeedRaw, options: { now?: Date } = {}): Promise<NeedSaveResult> {
  assertRole(user, "family");
  const parsed = parseNeedForm(needSchema, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.data;
  const { errors, centre } = await placeErrors(db, input, user.id);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const place = input.location ?? { lat: centre!.lat, lng: centre!.lng };
  const now = options.now ?? new Date();
  const needId = await inTransaction(db, async (trx) => {
    // Posted while the same person is erasing their account (another tab): one of the two waits.
    await holdLiveAccount(trx, user.id);
    const { id } = await trx
      .insertInto("needs")
      .values({
        ...needValues(input, place),
        category_id: await categoryIdOf(trx, input.category),
        family_user_id: user.id,
        created_by_user_id: user.id,
        on_behalf_of: null,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await enqueueAggregation(trx);
    return id;
  });
  return { ok: true, needId, approximateLocation: input.location === null };
}

/**
 * An operator posts a need at a hub desk for someone without an account: only in one of their
 * quartieri (AuthorisationError otherwise, before anything is stored), recorded in the audit log.
 */
export async function postNeedOnBehalf(db: Db, user: CurrentUser, raw: NeedRaw, options: { now?: Date } = {}): Promise<NeedSaveResult> {
  assertVerifier(user);
  const parsed = parseNeedForm(onBehalfNeedSchema, raw);
  if (!parsed.ok) {
    // Even a half-filled form may not name someone else's quartiere.
    const q = Number(raw.quartiereId);
    if (Number.isInteger(q) && q > 0) assertOperatorOf(user, q);
    return parsed;
  }
  const input = parsed.data;
  assertOperatorOf(user, input.quartiereId);
  const { errors, centre } = await placeErrors(db, { ...input, condominiumId: null }, null);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const place = input.location ?? { lat: centre!.lat, lng: centre!.lng };
  const now = options.now ?? new Date();
  const needId = await inTransaction(db, async (trx) => {
    const { id } = await trx
      .insertInto("needs")
      .values({
        ...needValues({ ...input, condominiumId: null }, place),
        category_id: await categoryIdOf(trx, input.category),
        family_user_id: null,
        created_by_user_id: user.id,
        on_behalf_of: encodeOnBehalf(input.onBehalfOf, input.contactNote),
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: user.id,
      action: "need.post_on_behalf",
      subjectType: "need",
      subjectId: id,
      details: { quartiereId: input.quartiereId, category: input.category },
    });
    await enqueueAggregation(trx);
    return id;
  });
  return { ok: true, needId, approximateLocation: input.location === null };
}

type Access = { need: Need; as: "family" | "operator" };

/**
 * The need, if this person may look after it: its family, or for a need posted at a hub desk an
 * operator of its quartiere (or an admin). Null when there is no such need; AuthorisationError
 * for anyone else.
 */
async function needAccess(db: Db, user: CurrentUser, needId: string, options: { forUpdate?: boolean } = {}): Promise<Access | null> {
  if (!isUuid(needId)) return null;
  let query = db.selectFrom("needs").selectAll().where("id", "=", needId);
  if (options.forUpdate) query = query.forUpdate();
  const need = await query.executeTakeFirst();
  if (!need) return null;
  if (need.family_user_id !== null) {
    if (need.family_user_id === user.id) return { need, as: "family" };
    throw new AuthorisationError("not your need");
  }
  assertOperatorOf(user, need.quartiere_id);
  return { need, as: "operator" };
}

export interface NeedGroupLink {
  id: string;
  status: SharedGroupStatus;
  memberStatus: "invited" | "accepted" | "declined" | "left";
}

export interface NeedView {
  id: string;
  status: NeedStatus;
  categorySlug: string;
  schedule: ScheduleSlot[];
  windows: WeeklyWindow[];
  address: string;
  quartiereId: number;
  quartiereName: string;
  /** Placed at the quartiere's centre (no device location was given). */
  approximateLocation: boolean;
  condominium: { id: string; name: string } | null;
  details: string;
  childrenAges: number[];
  persons: number;
  budgetCents: number | null;
  openToSharing: boolean;
  maxWalkM: number;
  onBehalf: { name: string; contactNote: string } | null;
  createdAt: string;
  /** The live group the need is in (or was last in). */
  group: NeedGroupLink | null;
  canEdit: boolean;
  canWithdraw: boolean;
  /** The form's values for editing. */
  raw: NeedRaw;
  viewer: "family" | "operator";
}

async function liveGroupOf(db: Db, needId: string): Promise<NeedGroupLink | null> {
  const row = await db
    .selectFrom("shared_group_members as m")
    .innerJoin("shared_groups as g", "g.id", "m.group_id")
    .select(["g.id", "g.status", "m.status as member_status"])
    .where("m.need_id", "=", needId)
    .orderBy((eb) => eb.case().when("m.status", "in", ["invited", "accepted"]).then(0).else(1).end())
    .orderBy("g.created_at", "desc")
    .executeTakeFirst();
  return row ? { id: row.id, status: row.status, memberStatus: row.member_status } : null;
}

const isLive = (g: NeedGroupLink | null) => !!g && (g.memberStatus === "invited" || g.memberStatus === "accepted") && g.status !== "dissolved";

export async function getNeed(db: Db, user: CurrentUser, needId: string): Promise<NeedView | null> {
  const access = await needAccess(db, user, needId);
  if (!access) return null;
  const { need } = access;
  const [extra, group] = await Promise.all([
    db
      .selectFrom("needs as n")
      .innerJoin("service_categories as c", "c.id", "n.category_id")
      .innerJoin("quartieri as q", "q.id", "n.quartiere_id")
      .leftJoin("condominiums as co", "co.id", "n.condominium_id")
      .select(["c.slug", "q.name as quartiere_name", "q.lat as q_lat", "q.lng as q_lng", "co.id as condominium_id", "co.name as condominium_name"])
      .where("n.id", "=", need.id)
      .executeTakeFirstOrThrow(),
    liveGroupOf(db, need.id),
  ]);
  const windows = Array.isArray(need.windows) ? need.windows : [];
  const onBehalf = decodeOnBehalf(need.on_behalf_of);
  const inLiveGroup = isLive(group);
  const open = need.status === "open";
  return {
    id: need.id,
    status: need.status,
    categorySlug: extra.slug,
    schedule: scheduleSlots(windows),
    windows,
    address: need.address,
    quartiereId: need.quartiere_id,
    quartiereName: extra.quartiere_name,
    approximateLocation: need.lat === extra.q_lat && need.lng === extra.q_lng,
    condominium: extra.condominium_id && extra.condominium_name ? { id: extra.condominium_id, name: extra.condominium_name } : null,
    details: need.details,
    childrenAges: need.children_ages,
    persons: need.persons,
    budgetCents: need.budget_cents_per_hour,
    openToSharing: need.open_to_sharing,
    maxWalkM: need.max_walk_m,
    onBehalf,
    createdAt: need.created_at.toISOString(),
    group,
    canEdit: open && !inLiveGroup,
    // From a proposal it declines it; from a formed group the family leaves the group instead.
    canWithdraw: (open && (!inLiveGroup || group!.status === "proposed")) || false,
    raw: rawOfNeed(need, extra.slug, onBehalf),
    viewer: access.as,
  };
}

function rawOfNeed(need: Need, slug: string, onBehalf: { name: string; contactNote: string } | null): NeedRaw {
  return emptyNeedRaw({
    category: slug,
    windows: windowsToRows(Array.isArray(need.windows) ? need.windows : []),
    address: need.address,
    quartiereId: String(need.quartiere_id),
    condominiumId: need.condominium_id ?? "",
    details: need.details,
    childrenAges: need.children_ages.join(", "),
    persons: String(need.persons),
    budget: need.budget_cents_per_hour === null ? "" : centsToEuroInput(need.budget_cents_per_hour),
    openToSharing: need.open_to_sharing ? "yes" : "no",
    maxWalk: String(need.max_walk_m),
    ...(onBehalf ? { onBehalfOf: onBehalf.name, contactNote: onBehalf.contactNote } : {}),
  });
}

/**
 * Changes an open need not in a live group (else SharingError "in_live_group" / "not_open").
 * A new device location replaces the old one; without one the stored place stays, unless the
 * quartiere changed (then its centre is used).
 */
export async function updateNeed(db: Db, user: CurrentUser, needId: string, raw: NeedRaw, options: { now?: Date } = {}): Promise<NeedSaveResult | null> {
  const now = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const access = await needAccess(trx, user, needId, { forUpdate: true });
    if (!access) return null;
    const { need } = access;
    if (need.status !== "open") throw new SharingError("not_open");
    if (isLive(await liveGroupOf(trx, need.id))) throw new SharingError("in_live_group");
    const onBehalf = access.as === "operator";
    const parsed = onBehalf ? parseNeedForm(onBehalfNeedSchema, raw) : parseNeedForm(needSchema, raw);
    if (!parsed.ok) return parsed;
    const input = parsed.data as NeedInput & { onBehalfOf?: string; contactNote?: string };
    if (onBehalf) assertOperatorOf(user, input.quartiereId);
    const { errors, centre } = await placeErrors(trx, onBehalf ? { ...input, condominiumId: null } : input, onBehalf ? null : user.id);
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    const place = input.location ?? (input.quartiereId === need.quartiere_id ? { lat: need.lat, lng: need.lng } : { lat: centre!.lat, lng: centre!.lng });
    await trx
      .updateTable("needs")
      .set({
        ...needValues(onBehalf ? { ...input, condominiumId: null } : input, place),
        category_id: await categoryIdOf(trx, input.category),
        ...(onBehalf ? { on_behalf_of: encodeOnBehalf(input.onBehalfOf ?? "", input.contactNote ?? "") } : {}),
        updated_at: now,
      })
      .where("id", "=", need.id)
      .execute();
    if (onBehalf) {
      await recordAudit(trx, { actorUserId: user.id, action: "need.update_on_behalf", subjectType: "need", subjectId: need.id, details: { quartiereId: input.quartiereId } });
    }
    await enqueueAggregation(trx);
    const approximate = place.lat === centre?.lat && place.lng === centre?.lng;
    return { ok: true as const, needId: need.id, approximateLocation: approximate };
  });
}

/**
 * Withdraws a need. In a proposal, that is a no to the proposal (the others' split is
 * recomputed, or the proposal dissolved). In a formed or booked group it is refused: the family
 * leaves the group (with notice) first.
 */
export async function withdrawNeed(db: Db, user: CurrentUser, needId: string, options: { now?: Date } = {}): Promise<{ groupId: string | null } | null> {
  const now = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const access = await needAccess(trx, user, needId, { forUpdate: true });
    if (!access) return null;
    const { need } = access;
    if (need.status === "withdrawn" || need.status === "fulfilled") throw new SharingError("not_open");
    const link = await liveGroupOf(trx, need.id);
    let groupId: string | null = null;
    if (isLive(link)) {
      if (link!.status !== "proposed") throw new SharingError("in_live_group");
      const group = await lockGroup(trx, link!.id);
      if (group && group.status === "proposed") {
        groupId = group.id;
        await trx
          .updateTable("shared_group_members")
          .set({ status: "declined", responded_at: now })
          .where("group_id", "=", group.id)
          .where("need_id", "=", need.id)
          .execute();
        await trx.updateTable("needs").set({ status: "withdrawn", updated_at: now }).where("id", "=", need.id).execute();
        const actor: GroupActor = { userId: user.id, role: access.as };
        await recordGroupEvent(trx, { group, event: "decline", actor, note: "need_withdrawn" });
        await afterMembersLeft(trx, group, actor, { now, note: "need_withdrawn" });
      }
    }
    await trx.updateTable("needs").set({ status: "withdrawn", updated_at: now }).where("id", "=", need.id).execute();
    if (access.as === "operator") {
      await recordAudit(trx, { actorUserId: user.id, action: "need.withdraw_on_behalf", subjectType: "need", subjectId: need.id, details: { quartiereId: need.quartiere_id } });
    }
    await enqueueAggregation(trx);
    return { groupId };
  });
}

export interface NeedSummary {
  id: string;
  status: NeedStatus;
  categorySlug: string;
  schedule: ScheduleSlot[];
  quartiereName: string;
  persons: number;
  createdAt: string;
  group: NeedGroupLink | null;
  onBehalfName: string | null;
}

export interface GroupListItem {
  id: string;
  status: SharedGroupStatus;
  memberStatus: "invited" | "accepted" | "declined" | "left";
  categorySlug: string;
  quartiereName: string;
  schedule: ScheduleSlot[];
  families: number;
  shareHourlyCents: number;
  individualHourlyCents: number;
  leavesOn: string | null;
}

/** A family's needs, newest first, and the groups it is (or was) invited to, live ones first. */
export async function listMyNeeds(db: Db, user: CurrentUser): Promise<{ needs: NeedSummary[]; groups: GroupListItem[] }> {
  assertRole(user, "family");
  const rows = await db
    .selectFrom("needs as n")
    .innerJoin("service_categories as c", "c.id", "n.category_id")
    .innerJoin("quartieri as q", "q.id", "n.quartiere_id")
    .select(["n.id", "n.status", "c.slug", "n.windows", "q.name as quartiere_name", "n.persons", "n.created_at"])
    .where("n.family_user_id", "=", user.id)
    .orderBy("n.created_at", "desc")
    .orderBy("n.id")
    .limit(100)
    .execute();
  const needs: NeedSummary[] = [];
  for (const r of rows) {
    needs.push({
      id: r.id,
      status: r.status,
      categorySlug: r.slug,
      schedule: scheduleSlots(Array.isArray(r.windows) ? r.windows : []),
      quartiereName: r.quartiere_name,
      persons: r.persons,
      createdAt: r.created_at.toISOString(),
      group: await liveGroupOf(db, r.id),
      onBehalfName: null,
    });
  }
  const groups = await groupListFor(db, user.id);
  return { needs, groups };
}

/** The groups a family is (or was) a member of, live ones first, newest first. */
export async function groupListFor(db: Db, familyUserId: string, options: { limit?: number } = {}): Promise<GroupListItem[]> {
  const rows = await db
    .selectFrom("shared_group_members as m")
    .innerJoin("shared_groups as g", "g.id", "m.group_id")
    .innerJoin("service_categories as c", "c.id", "g.category_id")
    .innerJoin("quartieri as q", "q.id", "g.quartiere_id")
    .select([
      "g.id",
      "g.status",
      "m.status as member_status",
      "m.share_hourly_cents",
      "m.leaves_on",
      "c.slug",
      "q.name as quartiere_name",
      "g.shared_windows",
      "g.individual_hourly_cents",
      "g.created_at",
      (eb) =>
        eb
          .selectFrom("shared_group_members as o")
          .select((e) => e.fn.countAll<string>().as("n"))
          .whereRef("o.group_id", "=", "g.id")
          .where("o.status", "in", ["invited", "accepted"])
          .as("families"),
    ])
    .where("m.family_user_id", "=", familyUserId)
    .orderBy((eb) => eb.case().when("g.status", "=", "dissolved").then(1).else(0).end())
    .orderBy("g.created_at", "desc")
    .limit(options.limit ?? 50)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    memberStatus: r.member_status,
    categorySlug: r.slug,
    quartiereName: r.quartiere_name,
    schedule: scheduleSlots(r.shared_windows),
    families: Number(r.families ?? 0),
    shareHourlyCents: r.share_hourly_cents,
    individualHourlyCents: r.individual_hourly_cents,
    leavesOn: r.leaves_on,
  }));
}

export interface OperatorNeed {
  id: string;
  categorySlug: string;
  schedule: ScheduleSlot[];
  quartiereName: string;
  persons: number;
  createdAt: string;
  /** Set for a need posted at the hub desk (the operator may open it); a family's own need stays anonymous. */
  onBehalfName: string | null;
  inGroup: boolean;
}

export interface OperatorGroup {
  id: string;
  status: SharedGroupStatus;
  categorySlug: string;
  quartiereName: string;
  schedule: ScheduleSlot[];
  families: number;
  accepted: number;
  hourlyTotalCents: number;
  offers: number;
  /** Members at the hub desk still to answer. */
  onBehalfInvited: number;
}

export interface OperatorNeedsPage {
  quartieri: Array<{ id: number; name: string }>;
  quartiereId: number | null;
  needs: OperatorNeed[];
  groups: OperatorGroup[];
}

/** Open needs and live groups of the operator's quartieri (an admin: all, or the one asked for). */
export async function operatorNeedsPage(db: Db, user: CurrentUser, options: { quartiereId?: number | null } = {}): Promise<OperatorNeedsPage> {
  assertVerifier(user);
  const all = await listQuartieri(db);
  const own = isAdmin(user) ? all : all.filter((q) => user.operatorQuartieri.includes(q.id));
  const wanted = options.quartiereId ?? null;
  if (wanted !== null) assertOperatorOf(user, wanted);
  const scope = wanted !== null ? [wanted] : isAdmin(user) ? null : user.operatorQuartieri;
  if (scope !== null && scope.length === 0) return { quartieri: [], quartiereId: null, needs: [], groups: [] };

  const needRows = await db
    .selectFrom("needs as n")
    .innerJoin("service_categories as c", "c.id", "n.category_id")
    .innerJoin("quartieri as q", "q.id", "n.quartiere_id")
    .select([
      "n.id",
      "c.slug",
      "n.windows",
      "q.name as quartiere_name",
      "n.persons",
      "n.created_at",
      "n.on_behalf_of",
      (eb) =>
        eb
          .exists(eb.selectFrom("shared_group_members as m").select("m.need_id").whereRef("m.need_id", "=", "n.id").where("m.status", "in", ["invited", "accepted"]))
          .as("in_group"),
    ])
    .where("n.status", "=", "open")
    .$if(scope !== null, (q) => q.where("n.quartiere_id", "in", scope!))
    .orderBy("n.created_at", "desc")
    .limit(200)
    .execute();

  const groupRows = await db
    .selectFrom("shared_groups as g")
    .innerJoin("service_categories as c", "c.id", "g.category_id")
    .innerJoin("quartieri as q", "q.id", "g.quartiere_id")
    .select([
      "g.id",
      "g.status",
      "c.slug",
      "q.name as quartiere_name",
      "g.shared_windows",
      "g.hourly_total_cents",
      (eb) =>
        eb.selectFrom("shared_group_members as m").select((e) => e.fn.countAll<string>().as("n")).whereRef("m.group_id", "=", "g.id").where("m.status", "in", ["invited", "accepted"]).as("families"),
      (eb) =>
        eb.selectFrom("shared_group_members as m").select((e) => e.fn.countAll<string>().as("n")).whereRef("m.group_id", "=", "g.id").where("m.status", "=", "accepted").as("accepted"),
      (eb) =>
        eb
          .selectFrom("shared_group_members as m")
          .select((e) => e.fn.countAll<string>().as("n"))
          .whereRef("m.group_id", "=", "g.id")
          .where("m.status", "=", "invited")
          .where("m.family_user_id", "is", null)
          .as("on_behalf_invited"),
      (eb) => eb.selectFrom("shared_group_offers as o").select((e) => e.fn.countAll<string>().as("n")).whereRef("o.group_id", "=", "g.id").where("o.status", "=", "open").as("offers"),
    ])
    .where("g.status", "in", ["proposed", "formed", "booked", "active"])
    .$if(scope !== null, (q) => q.where("g.quartiere_id", "in", scope!))
    .orderBy("g.created_at", "desc")
    .limit(200)
    .execute();

  return {
    quartieri: own.map((q) => ({ id: q.id, name: q.name })),
    quartiereId: wanted,
    needs: needRows.map((r) => ({
      id: r.id,
      categorySlug: r.slug,
      schedule: scheduleSlots(Array.isArray(r.windows) ? r.windows : []),
      quartiereName: r.quartiere_name,
      persons: r.persons,
      createdAt: r.created_at.toISOString(),
      onBehalfName: decodeOnBehalf(r.on_behalf_of)?.name ?? null,
      inGroup: Boolean(r.in_group),
    })),
    groups: groupRows.map((r) => ({
      id: r.id,
      status: r.status,
      categorySlug: r.slug,
      quartiereName: r.quartiere_name,
      schedule: scheduleSlots(r.shared_windows),
      families: Number(r.families ?? 0),
      accepted: Number(r.accepted ?? 0),
      hourlyTotalCents: r.hourly_total_cents,
      offers: Number(r.offers ?? 0),
      onBehalfInvited: Number(r.on_behalf_invited ?? 0),
    })),
  };
}
