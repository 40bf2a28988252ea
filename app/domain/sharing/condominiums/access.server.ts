import type { DB } from "../../../../db/client";
import { AuthorisationError, type CurrentUser } from "~/domain/accounts/current-user";
import { isCondominiumId } from "./schemas";

/** Who acts: the signed-in person (only the id matters here). */
export type Actor = Pick<CurrentUser, "id">;

export type MemberRole = "administrator" | "resident";

export interface Membership {
  condominiumId: string;
  userId: string;
  role: MemberRole;
  unitLabel: string | null;
  sharesNeeds: boolean;
  joinedAt: Date;
}

/** The person's membership of the condominium, or null (also for an id that is not a uuid). */
export async function membershipOf(db: DB, userId: string, condominiumId: string): Promise<Membership | null> {
  if (!isCondominiumId(condominiumId)) return null;
  const row = await db
    .selectFrom("condominium_members")
    .select(["condominium_id", "user_id", "member_role", "unit_label", "shares_needs", "joined_at"])
    .where("condominium_id", "=", condominiumId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    condominiumId: row.condominium_id,
    userId: row.user_id,
    role: row.member_role,
    unitLabel: row.unit_label,
    sharesNeeds: row.shares_needs,
    joinedAt: row.joined_at,
  };
}

/** True when the person belongs to the condominium (any role). */
export async function isCondominiumMember(db: DB, userId: string, condominiumId: string): Promise<boolean> {
  return (await membershipOf(db, userId, condominiumId)) !== null;
}

/**
 * Everything about a condominium is for its members only. Not a member, or no such condominium:
 * the same AuthorisationError, so a guessed id tells nothing. Operators and admins are no
 * exception: a building's members, needs and notices are its residents' own business.
 */
export async function requireMember(db: DB, user: Actor, condominiumId: string): Promise<Membership> {
  const membership = await membershipOf(db, user.id, condominiumId);
  if (!membership) throw new AuthorisationError("not a member of this condominium");
  return membership;
}

export async function requireAdministrator(db: DB, user: Actor, condominiumId: string): Promise<Membership> {
  const membership = await requireMember(db, user, condominiumId);
  if (membership.role !== "administrator") throw new AuthorisationError("not an administrator of this condominium");
  return membership;
}
