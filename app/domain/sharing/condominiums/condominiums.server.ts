import { sql } from "kysely";
import type { DB } from "../../../../db/client";
import type { WeeklyWindowJson } from "../../../../db/schema";
import { holdLiveAccount } from "~/domain/accounts/live-account.server";
import { recordAudit } from "~/domain/audit/audit-log.server";
import { inTransaction } from "~/domain/verification/change-provider-status.server";
import { requireAdministrator, requireMember, type Actor, type MemberRole, type Membership } from "./access.server";
import { CondominiumError } from "./condominium-errors";
import { formatInviteCode, generateInviteCode } from "./invite-code";
import { noticesForMember, type Notice } from "./notice-board.server";
import type { CreateCondominiumInput, JoinCondominiumInput } from "./schemas";

/**
 * Condominium groups (issue 5): neighbours of one building who join with an invite code, see
 * each other, share their needs if they consent, and keep a notice board. Every function takes
 * the acting person and checks what they may do here, not in the route.
 */

/** Condominiums one person may create per day (a building has one; a few mistakes are fine). */
export const CONDOMINIUMS_PER_DAY = 5;

export interface CondominiumSummary {
  id: string;
  name: string;
  address: string;
  quartiereName: string;
  role: MemberRole;
  memberCount: number;
}

/** The condominiums a person belongs to, by name (for "my condominium" and for the needs form). */
export async function listMyCondominiums(db: DB, user: Actor): Promise<CondominiumSummary[]> {
  const rows = await db
    .selectFrom("condominium_members as m")
    .innerJoin("condominiums as c", "c.id", "m.condominium_id")
    .innerJoin("quartieri as q", "q.id", "c.quartiere_id")
    .select([
      "c.id",
      "c.name",
      "c.address",
      "q.name as quartiereName",
      "m.member_role as role",
      (eb) =>
        eb
          .selectFrom("condominium_members as all")
          .whereRef("all.condominium_id", "=", "c.id")
          .select((e) => e.fn.countAll<string>().as("n"))
          .as("memberCount"),
    ])
    .where("m.user_id", "=", user.id)
    .orderBy("c.name")
    .orderBy("c.id")
    .execute();
  return rows.map((r) => ({ ...r, memberCount: Number(r.memberCount ?? 0) }));
}

/** Inserts the condominium with a fresh code, drawing again in the (very unlikely) case of a clash. */
async function insertWithFreshCode(db: DB, values: { name: string; address: string; quartiere_id: number; lat: number; lng: number; units: number; created_by: string }) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await db
      .insertInto("condominiums")
      .values({ ...values, invite_code: generateInviteCode() })
      .onConflict((oc) => oc.column("invite_code").doNothing())
      .returning(["id", "invite_code"])
      .executeTakeFirst();
    if (row) return row;
  }
  throw new Error("could not draw an unused invite code");
}

/**
 * A resident or building administrator creates the condominium and becomes its administrator.
 * Without a device location it is placed at the centre of its quartiere (`approximateLocation`).
 */
export async function createCondominium(
  db: DB,
  user: Actor,
  input: CreateCondominiumInput,
): Promise<{ id: string; inviteCode: string; approximateLocation: boolean }> {
  return db.transaction().execute(async (trx) => {
    await holdLiveAccount(trx, user.id);
    await sql`select pg_advisory_xact_lock(hashtextextended(${`condominium-create:${user.id}`}, 0))`.execute(trx);
    const { n } = await trx
      .selectFrom("condominiums")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("created_by", "=", user.id)
      .where("created_at", ">", sql<Date>`now() - interval '1 day'`)
      .executeTakeFirstOrThrow();
    if (Number(n) >= CONDOMINIUMS_PER_DAY) throw new CondominiumError("too_many_condominiums", { limit: CONDOMINIUMS_PER_DAY });

    const quartiere = await trx.selectFrom("quartieri").select(["lat", "lng"]).where("id", "=", input.quartiereId).executeTakeFirst();
    if (!quartiere) throw new CondominiumError("quartiere_unknown");
    const place = input.location ?? { lat: quartiere.lat, lng: quartiere.lng };

    const created = await insertWithFreshCode(trx, {
      name: input.name,
      address: input.address,
      quartiere_id: input.quartiereId,
      lat: place.lat,
      lng: place.lng,
      units: input.units,
      created_by: user.id,
    });
    await trx
      .insertInto("condominium_members")
      .values({ condominium_id: created.id, user_id: user.id, member_role: "administrator", unit_label: input.unitLabel })
      .execute();
    return { id: created.id, inviteCode: formatInviteCode(created.invite_code), approximateLocation: input.location === null };
  });
}

/**
 * A neighbour joins with the code (canonical form, see schemas.ts). A code that matches nothing,
 * an old one included, is a CondominiumError("code_unknown"). Joining again changes nothing.
 * AuthorisationError when the person's account is being (or has been) erased.
 */
export async function joinCondominium(
  db: DB,
  user: Actor,
  input: JoinCondominiumInput,
): Promise<{ condominiumId: string; alreadyMember: boolean }> {
  return db.transaction().execute(async (trx) => {
    await holdLiveAccount(trx, user.id);
    const condominium = await trx.selectFrom("condominiums").select("id").where("invite_code", "=", input.code).executeTakeFirst();
    if (!condominium) throw new CondominiumError("code_unknown");
    const inserted = await trx
      .insertInto("condominium_members")
      .values({ condominium_id: condominium.id, user_id: user.id, member_role: "resident", unit_label: input.unitLabel })
      .onConflict((oc) => oc.columns(["condominium_id", "user_id"]).doNothing())
      .returning("user_id")
      .executeTakeFirst();
    return { condominiumId: condominium.id, alreadyMember: !inserted };
  });
}

/** An administrator draws a new code: the old one stops working at once (posters must be reprinted). */
export async function regenerateInviteCode(db: DB, user: Actor, condominiumId: string): Promise<{ inviteCode: string }> {
  return db.transaction().execute(async (trx) => {
    await requireAdministrator(trx, user, condominiumId);
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = generateInviteCode();
      const clash = await trx.selectFrom("condominiums").select("id").where("invite_code", "=", code).executeTakeFirst();
      if (clash) continue;
      await trx.updateTable("condominiums").set({ invite_code: code }).where("id", "=", condominiumId).execute();
      await recordAudit(trx, { actorUserId: user.id, action: "condominium.regenerate_code", subjectType: "condominium", subjectId: condominiumId });
      return { inviteCode: formatInviteCode(code) };
    }
    throw new Error("could not draw an unused invite code");
  });
}

/** A member's own consent to let the other members see their open needs posted for this condominium. */
export async function setNeedsConsent(db: DB, user: Actor, condominiumId: string, sharesNeeds: boolean): Promise<void> {
  await requireMember(db, user, condominiumId);
  await db
    .updateTable("condominium_members")
    .set({ shares_needs: sharesNeeds })
    .where("condominium_id", "=", condominiumId)
    .where("user_id", "=", user.id)
    .execute();
}

/**
 * Someone leaves. When the last administrator goes, the longest-standing remaining member takes
 * over; when nobody is left, the condominium (its code and notices) is deleted.
 */
export async function leaveCondominium(db: DB, user: Actor, condominiumId: string): Promise<{ condominiumDeleted: boolean }> {
  return inTransaction(db, async (trx) => {
    await requireMember(trx, user, condominiumId);
    return removeAndHandOver(trx, condominiumId, user.id);
  });
}

/** An administrator removes another member (removing oneself is leaving). */
export async function removeMember(db: DB, user: Actor, condominiumId: string, memberUserId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await requireAdministrator(trx, user, condominiumId);
    if (memberUserId === user.id) {
      await removeAndHandOver(trx, condominiumId, user.id);
      return;
    }
    const removed = await trx
      .deleteFrom("condominium_members")
      .where("condominium_id", "=", condominiumId)
      .where("user_id", "=", memberUserId)
      .returning("user_id")
      .executeTakeFirst();
    if (!removed) throw new CondominiumError("not_found");
    await recordAudit(trx, {
      actorUserId: user.id,
      action: "condominium.remove_member",
      subjectType: "condominium",
      subjectId: condominiumId,
      details: { memberUserId },
    });
  });
}

async function removeAndHandOver(trx: DB, condominiumId: string, userId: string): Promise<{ condominiumDeleted: boolean }> {
  // One change of membership at a time per condominium, so two administrators leaving together still leave one behind.
  await trx.selectFrom("condominiums").select("id").where("id", "=", condominiumId).forUpdate().executeTakeFirst();
  await trx.deleteFrom("condominium_members").where("condominium_id", "=", condominiumId).where("user_id", "=", userId).execute();
  const remaining = await trx
    .selectFrom("condominium_members")
    .select(["user_id", "member_role"])
    .where("condominium_id", "=", condominiumId)
    .orderBy("joined_at")
    .orderBy("user_id")
    .execute();
  if (remaining.length === 0) {
    await trx.deleteFrom("condominiums").where("id", "=", condominiumId).execute();
    return { condominiumDeleted: true };
  }
  if (!remaining.some((m) => m.member_role === "administrator")) {
    await trx
      .updateTable("condominium_members")
      .set({ member_role: "administrator" })
      .where("condominium_id", "=", condominiumId)
      .where("user_id", "=", remaining[0].user_id)
      .execute();
  }
  return { condominiumDeleted: false };
}

export interface CondominiumMember {
  userId: string;
  displayName: string | null;
  unitLabel: string | null;
  role: MemberRole;
  sharesNeeds: boolean;
  joinedAt: string;
  isMe: boolean;
}

/** The members, administrators first, then by name: visible to members only. */
export async function listMembers(db: DB, user: Actor, condominiumId: string): Promise<CondominiumMember[]> {
  await requireMember(db, user, condominiumId);
  return membersOf(db, user, condominiumId);
}

async function membersOf(db: DB, user: Actor, condominiumId: string): Promise<CondominiumMember[]> {
  const rows = await db
    .selectFrom("condominium_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.user_id", "u.display_name", "m.unit_label", "m.member_role", "m.shares_needs", "m.joined_at"])
    .where("m.condominium_id", "=", condominiumId)
    .where("u.deleted_at", "is", null)
    .orderBy(sql`m.member_role = 'administrator'`, "desc")
    .orderBy(sql`lower(coalesce(u.display_name, ''))`)
    .orderBy("m.joined_at")
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    displayName: r.display_name,
    unitLabel: r.unit_label,
    role: r.member_role,
    sharesNeeds: r.shares_needs,
    joinedAt: r.joined_at.toISOString(),
    isMe: r.user_id === user.id,
  }));
}

export interface SharedNeed {
  id: string;
  categorySlug: string;
  windows: WeeklyWindowJson[];
  details: string;
  persons: number;
  authorName: string | null;
  unitLabel: string | null;
  isMine: boolean;
  createdAt: string;
}

/**
 * Open needs posted for this condominium by members who consented (shares_needs), newest first.
 * A member who has not consented, or has left, never appears; nor do needs posted for others.
 */
export async function listSharedNeeds(db: DB, user: Actor, condominiumId: string): Promise<SharedNeed[]> {
  await requireMember(db, user, condominiumId);
  return sharedNeedsOf(db, user, condominiumId);
}

async function sharedNeedsOf(db: DB, user: Actor, condominiumId: string): Promise<SharedNeed[]> {
  const rows = await db
    .selectFrom("needs as n")
    .innerJoin("condominium_members as m", (join) => join.onRef("m.condominium_id", "=", "n.condominium_id").onRef("m.user_id", "=", "n.family_user_id"))
    .innerJoin("users as u", "u.id", "m.user_id")
    .innerJoin("service_categories as sc", "sc.id", "n.category_id")
    .select(["n.id", "sc.slug", "n.windows", "n.details", "n.persons", "u.display_name", "m.unit_label", "m.user_id", "n.created_at"])
    .where("n.condominium_id", "=", condominiumId)
    .where("n.status", "=", "open")
    .where("m.shares_needs", "=", true)
    .orderBy("n.created_at", "desc")
    .orderBy("n.id")
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    categorySlug: r.slug,
    windows: Array.isArray(r.windows) ? r.windows : [],
    details: r.details,
    persons: r.persons,
    authorName: r.display_name,
    unitLabel: r.unit_label,
    isMine: r.user_id === user.id,
    createdAt: r.created_at.toISOString(),
  }));
}

export interface CondominiumGroup {
  id: string;
  categorySlug: string;
  status: string;
  memberCount: number;
}

/** Shared groups formed for this condominium (not dissolved), newest first: links to /groups/<id>. */
export async function listCondominiumGroups(db: DB, user: Actor, condominiumId: string): Promise<CondominiumGroup[]> {
  await requireMember(db, user, condominiumId);
  return groupsOf(db, condominiumId);
}

async function groupsOf(db: DB, condominiumId: string): Promise<CondominiumGroup[]> {
  const rows = await db
    .selectFrom("shared_groups as g")
    .innerJoin("service_categories as sc", "sc.id", "g.category_id")
    .select([
      "g.id",
      "sc.slug",
      "g.status",
      (eb) =>
        eb
          .selectFrom("shared_group_members as gm")
          .whereRef("gm.group_id", "=", "g.id")
          .where("gm.status", "in", ["invited", "accepted"])
          .select((e) => e.fn.countAll<string>().as("n"))
          .as("memberCount"),
    ])
    .where("g.condominium_id", "=", condominiumId)
    .where("g.status", "<>", "dissolved")
    .orderBy("g.created_at", "desc")
    .limit(50)
    .execute();
  return rows.map((r) => ({ id: r.id, categorySlug: r.slug, status: r.status, memberCount: Number(r.memberCount ?? 0) }));
}

export interface CondominiumPage {
  condominium: {
    id: string;
    name: string;
    address: string;
    quartiereName: string;
    units: number;
    inviteCode: string;
    /** Placed at the quartiere's centre, not at the building. */
    approximateLocation: boolean;
    createdAt: string;
  };
  me: { role: MemberRole; unitLabel: string | null; sharesNeeds: boolean };
  members: CondominiumMember[];
  needs: SharedNeed[];
  notices: Notice[];
  groups: CondominiumGroup[];
}

/** Everything the condominium page shows, for a member only (else AuthorisationError). */
export async function getCondominiumPage(db: DB, user: Actor, condominiumId: string): Promise<CondominiumPage> {
  const me: Membership = await requireMember(db, user, condominiumId);
  const [condominium, members, needs, notices, groups] = await Promise.all([
    db
      .selectFrom("condominiums as c")
      .innerJoin("quartieri as q", "q.id", "c.quartiere_id")
      .select(["c.id", "c.name", "c.address", "c.units", "c.invite_code", "c.created_at", "c.lat", "c.lng", "q.name as quartiereName", "q.lat as qLat", "q.lng as qLng"])
      .where("c.id", "=", condominiumId)
      .executeTakeFirstOrThrow(),
    membersOf(db, user, condominiumId),
    sharedNeedsOf(db, user, condominiumId),
    noticesForMember(db, me),
    groupsOf(db, condominiumId),
  ]);
  return {
    condominium: {
      id: condominium.id,
      name: condominium.name,
      address: condominium.address,
      quartiereName: condominium.quartiereName,
      units: condominium.units,
      inviteCode: formatInviteCode(condominium.invite_code),
      approximateLocation: condominium.lat === condominium.qLat && condominium.lng === condominium.qLng,
      createdAt: condominium.created_at.toISOString(),
    },
    me: { role: me.role, unitLabel: me.unitLabel, sharesNeeds: me.sharesNeeds },
    members,
    needs,
    notices,
    groups,
  };
}
