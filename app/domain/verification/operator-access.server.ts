import type { Kysely } from "kysely";
import type { Database, ProviderKind, ProviderStatus } from "../../../db/schema";
import { AuthorisationError, assertOperatorOf, type CurrentUser } from "../accounts/current-user";
import { isUuid } from "../../utils/uuid";

/**
 * Who may verify whom: a community manager (operator) acts only on providers whose home
 * quartiere is one of theirs; an admin on any. Every verification function starts here.
 */

export function isAdmin(user: CurrentUser): boolean {
  return user.roles.includes("admin");
}

/** An operator or an admin; anyone else is refused before anything is read. */
export function assertVerifier(user: CurrentUser | null): asserts user is CurrentUser {
  if (!user || !(user.roles.includes("operator") || user.roles.includes("admin"))) {
    throw new AuthorisationError("needs role operator");
  }
}

/** The quartieri the user may look at: null means all of them (an admin). */
export function quartiereScope(user: CurrentUser): number[] | null {
  return isAdmin(user) ? null : user.operatorQuartieri;
}

/** How the user is named in the status history ("operator" or "admin"). */
export function actorRole(user: CurrentUser, quartiereId: number | null): "operator" | "admin" {
  return quartiereId !== null && user.roles.includes("operator") && user.operatorQuartieri.includes(quartiereId) ? "operator" : "admin";
}

export interface ProviderScope {
  id: string;
  kind: ProviderKind;
  status: ProviderStatus;
  quartiereId: number | null;
}


/**
 * The provider, if the user may review it; null if there is no such provider (only after the
 * user is known to be an operator, so nobody else learns which ids exist); AuthorisationError
 * if it belongs to another operator's quartiere.
 */
export async function providerInScope(
  db: Kysely<Database>,
  user: CurrentUser | null,
  providerId: string,
  options: { forUpdate?: boolean } = {},
): Promise<ProviderScope | null> {
  assertVerifier(user);
  if (!isUuid(providerId)) return null;
  let query = db.selectFrom("providers").select(["id", "kind", "status", "quartiere_id"]).where("id", "=", providerId);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return null;
  assertOperatorOf(user, row.quartiere_id);
  return { id: row.id, kind: row.kind, status: row.status, quartiereId: row.quartiere_id };
}

/**
 * For other areas (e.g. the document download route): may this user see this provider's
 * verification material as an operator? Never throws.
 */
export async function canReviewProvider(db: Kysely<Database>, user: CurrentUser | null, providerId: string): Promise<boolean> {
  try {
    return (await providerInScope(db, user, providerId)) !== null;
  } catch (error) {
    if (error instanceof AuthorisationError) return false;
    throw error;
  }
}

/**
 * For a route action: the provider exists and this user may act on it (AuthorisationError
 * otherwise), checked before the form is even read.
 */
export async function assertCanReviewProvider(
  db: Kysely<Database>,
  user: CurrentUser | null,
  providerId: string,
): Promise<ProviderScope | null> {
  return providerInScope(db, user, providerId);
}
