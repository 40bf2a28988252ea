import type { Kysely } from "kysely";
import type { Database } from "../../../../db/schema";
import { AuthorisationError, type CurrentUser } from "~/domain/accounts/current-user";
import { isUuid } from "~/utils/uuid";

/**
 * Who manages a hub: there is no hub-operator table. A hub's operators are the operators of the
 * quartieri it covers (operator_quartieri); an admin manages every hub. Everyone else — and an
 * operator of only other quartieri — is refused with AuthorisationError (403), never told less.
 */

export function isHubStaff(user: CurrentUser | null): user is CurrentUser {
  return !!user && (user.roles.includes("operator") || user.roles.includes("admin"));
}

/** Operators and admins only: the operator area's door. */
export function assertHubStaff(user: CurrentUser | null): asserts user is CurrentUser {
  if (!isHubStaff(user)) throw new AuthorisationError("needs role operator or admin");
}

export function isAdmin(user: CurrentUser | null): boolean {
  return !!user?.roles.includes("admin");
}

/** Whether this person manages a hub covering these quartieri. */
export function managesQuartieri(user: CurrentUser | null, quartieri: readonly number[]): boolean {
  if (!user) return false;
  if (user.roles.includes("admin")) return true;
  return user.roles.includes("operator") && quartieri.some((q) => user.operatorQuartieri.includes(q));
}

/** The quartieri a hub covers, or null when there is no such hub. */
export async function coveredQuartieri(db: Kysely<Database>, hubId: string): Promise<number[] | null> {
  if (!isUuid(hubId)) return null;
  const hub = await db.selectFrom("hubs").select("id").where("id", "=", hubId).executeTakeFirst();
  if (!hub) return null;
  const rows = await db.selectFrom("hub_quartieri").select("quartiere_id").where("hub_id", "=", hubId).orderBy("quartiere_id").execute();
  return rows.map((r) => r.quartiere_id);
}

/**
 * Settles who may manage a hub before anything is read or written: not staff → 403; no such
 * hub → false (404); staff of other quartieri only → 403. Returns the quartieri covered.
 */
export async function assertCanManageHub(db: Kysely<Database>, user: CurrentUser | null, hubId: string): Promise<number[] | false> {
  assertHubStaff(user);
  const quartieri = await coveredQuartieri(db, hubId);
  if (quartieri === null) return false;
  if (!managesQuartieri(user, quartieri)) throw new AuthorisationError("not an operator of this hub's quartieri");
  return quartieri;
}

/** The same for one of a hub's events: returns its hub, or false when there is no such event there. */
export async function assertCanManageEvent(
  db: Kysely<Database>,
  user: CurrentUser | null,
  hubId: string,
  eventId: string,
): Promise<{ hubId: string; quartieri: number[] } | false> {
  const quartieri = await assertCanManageHub(db, user, hubId);
  if (quartieri === false || !isUuid(eventId)) return false;
  const event = await db.selectFrom("hub_events").select("hub_id").where("id", "=", eventId).where("hub_id", "=", hubId).executeTakeFirst();
  return event ? { hubId, quartieri } : false;
}

/** No such hub (or no such event at it): the routes answer 404. */
export class HubNotFoundError extends Error {
  constructor(message = "no such hub or event") {
    super(message);
    this.name = "HubNotFoundError";
  }
}

/**
 * The check every write starts with: throws AuthorisationError (403) unless the person manages
 * the hub, HubNotFoundError (404) when the hub — or, with an event id, the event at it — does not exist.
 */
export async function requireManagedHub(db: Kysely<Database>, user: CurrentUser | null, hubId: string, eventId?: string): Promise<number[]> {
  if (eventId !== undefined) {
    const found = await assertCanManageEvent(db, user, hubId, eventId);
    if (!found) throw new HubNotFoundError();
    return found.quartieri;
  }
  const quartieri = await assertCanManageHub(db, user, hubId);
  if (quartieri === false) throw new HubNotFoundError();
  return quartieri;
}

/** Only an admin opens a new hub and chooses the quartieri it covers. */
export function assertCanCreateHub(user: CurrentUser | null): asserts user is CurrentUser {
  assertHubStaff(user);
  if (!isAdmin(user)) throw new AuthorisationError("only an admin creates hubs");
}
