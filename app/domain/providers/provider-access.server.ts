import { sql, type Kysely } from "kysely";
import type { Database, ProviderMemberRole } from "../../../db/schema";
import { AuthorisationError, type CurrentUser } from "../accounts/current-user";
import { isUuid } from "../../utils/uuid";

/**
 * Who may read and change a provider's own data (the onboarding draft, its documents): the
 * people listed in provider_members for that provider, and nobody else. Operators read what
 * they review through the verification area, not through these functions.
 */

type DB = Kysely<Database>;


export interface Membership {
  providerId: string;
  role: ProviderMemberRole;
}

const rolePriority: Record<ProviderMemberRole, number> = { owner: 0, manager: 1, worker: 2 };

/** The provider a person manages in the provider area: the one they own, else manage, else work as. */
export async function ownMembership(db: DB, user: CurrentUser): Promise<Membership | null> {
  const rows = await db
    .selectFrom("provider_members as m")
    .innerJoin("providers as p", "p.id", "m.provider_id")
    .select(["m.provider_id", "m.member_role", "p.created_at"])
    .where("m.user_id", "=", user.id)
    .execute();
  rows.sort((a, b) => rolePriority[a.member_role] - rolePriority[b.member_role] || a.created_at.getTime() - b.created_at.getTime());
  const first = rows[0];
  return first ? { providerId: first.provider_id, role: first.member_role } : null;
}

/** The member's role, or AuthorisationError (also for an unknown or malformed id: nothing leaks). */
export async function assertProviderMember(
  db: DB,
  user: CurrentUser | null,
  providerId: string,
  roles: readonly ProviderMemberRole[] = ["owner", "manager", "worker"],
): Promise<ProviderMemberRole> {
  if (!user) throw new AuthorisationError("not signed in");
  if (!isUuid(providerId)) throw new AuthorisationError("not a member of this provider");
  const row = await db
    .selectFrom("provider_members")
    .select("member_role")
    .where("provider_id", "=", providerId)
    .where("user_id", "=", user.id)
    .executeTakeFirst();
  if (!row || !roles.includes(row.member_role)) throw new AuthorisationError("not a member of this provider");
  return row.member_role;
}

export async function isProviderMember(db: DB, user: CurrentUser | null, providerId: string): Promise<boolean> {
  try {
    await assertProviderMember(db, user, providerId);
    return true;
  } catch (error) {
    if (error instanceof AuthorisationError) return false;
    throw error;
  }
}

/**
 * Links a person to the worker rows organisations created for their e-mail address, once that
 * address is verified (otherwise anyone could sign up with a worker's e-mail and take the row).
 * Returns the number of invitations accepted now.
 */
export async function acceptWorkerInvitations(db: DB, user: CurrentUser): Promise<number> {
  if (!user.emailVerified || !(await hasPendingInvitation(db, user))) return 0;
  return db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom("provider_invitations")
      .select("provider_id")
      .where(sql`lower(email)`, "=", user.email.toLowerCase())
      .where("accepted_at", "is", null)
      .forUpdate()
      .execute();
    if (open.length === 0) return 0;
    const ids = open.map((row) => row.provider_id);
    await trx
      .insertInto("provider_members")
      .values(ids.map((provider_id) => ({ provider_id, user_id: user.id, member_role: "worker" as const })))
      .onConflict((oc) => oc.columns(["provider_id", "user_id"]).doNothing())
      .execute();
    await trx.updateTable("provider_invitations").set({ accepted_at: new Date() }).where("provider_id", "in", ids).execute();
    await grantRole(trx, user.id, "provider");
    return ids.length;
  });
}

/** Whether an invitation waits for this person's e-mail to be verified. */
export async function hasPendingInvitation(db: DB, user: CurrentUser): Promise<boolean> {
  const row = await db
    .selectFrom("provider_invitations")
    .select("provider_id")
    .where(sql`lower(email)`, "=", user.email.toLowerCase())
    .where("accepted_at", "is", null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function grantRole(db: DB, userId: string, role: "provider" | "organisation_member"): Promise<void> {
  await db
    .insertInto("user_roles")
    .values({ user_id: userId, role, granted_at: new Date() })
    .onConflict((oc) => oc.columns(["user_id", "role"]).doNothing())
    .execute();
}
