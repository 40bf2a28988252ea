import { sql } from "kysely";
import type { DB } from "../../../../db/client";
import type { NetworkOrganisationKind } from "../../../../db/schema";
import { AuthorisationError, type CurrentUser } from "../../accounts/current-user";
import { recordAudit } from "../../audit/audit-log.server";
import { listQuartieri } from "../../territory/territory.server";
import { assertVerifier, quartiereScope } from "../../verification/operator-access.server";
import { DIRECTORY_PAGE_SIZE, type DirectoryQuery, type OrganisationFieldErrors, type OrganisationInput } from "./network-schemas";
import { isUuid } from "../../../utils/uuid";

/**
 * The third-sector network directory (QuBì-style neighbourhood networks): associations,
 * parishes and cooperatives, what they offer and which quartieri they serve. Anyone may search
 * it; an operator adds and edits the entries of their quartieri (an admin any), every change
 * recorded in the audit log.
 *
 * An entry may serve quartieri of several operators: each operator changes only their own
 * quartieri in its list and leaves the others' as they are.
 */

export interface NetworkOrganisation {
  id: string;
  name: string;
  kind: NetworkOrganisationKind;
  description: string;
  categories: string[];
  offers: string;
  contact: string;
  quartieri: Array<{ id: number; name: string }>;
  updatedAt: string;
}

export interface DirectoryPage {
  organisations: NetworkOrganisation[];
  total: number;
  page: number;
  pageSize: number;
}

/** Only operators and admins keep the directory (checked before a form is even read). */
export function assertCanManageNetwork(user: CurrentUser | null): asserts user is CurrentUser {
  assertVerifier(user);
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

async function hydrate(db: DB, rows: Array<{ id: string; name: string; kind: NetworkOrganisationKind; description: string; offer_category_ids: number[]; offers: string; contact: string; updated_at: Date }>): Promise<NetworkOrganisation[]> {
  if (rows.length === 0) return [];
  const [links, categories, quartieri] = await Promise.all([
    db.selectFrom("network_organisation_quartieri").select(["organisation_id", "quartiere_id"]).where("organisation_id", "in", rows.map((r) => r.id)).execute(),
    db.selectFrom("service_categories").select(["id", "slug"]).orderBy("sort_order").execute(),
    listQuartieri(db),
  ]);
  const quartiereName = new Map(quartieri.map((q) => [q.id, q.name]));
  const slugOf = new Map(categories.map((c) => [c.id, c.slug]));
  const order = new Map(categories.map((c, i) => [c.id, i]));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    description: row.description,
    categories: [...row.offer_category_ids].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)).map((id) => slugOf.get(id)).filter((s): s is string => !!s),
    offers: row.offers,
    contact: row.contact,
    quartieri: links
      .filter((l) => l.organisation_id === row.id)
      .map((l) => ({ id: l.quartiere_id, name: quartiereName.get(l.quartiere_id) ?? String(l.quartiere_id) }))
      .sort((a, b) => a.name.localeCompare(b.name, "it")),
    updatedAt: new Date(row.updated_at).toISOString(),
  }));
}

const organisationColumns = ["o.id", "o.name", "o.kind", "o.description", "o.offer_category_ids", "o.offers", "o.contact", "o.updated_at"] as const;

/** The public directory: by words (name, description, offers), category and quartiere. */
export async function searchNetworkDirectory(db: DB, query: DirectoryQuery): Promise<DirectoryPage> {
  let base = db.selectFrom("network_organisations as o");
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    base = base.where((eb) => eb.or([eb("o.name", "ilike", pattern), eb("o.description", "ilike", pattern), eb("o.offers", "ilike", pattern)]));
  }
  if (query.category) {
    const category = query.category;
    base = base.where(({ exists, selectFrom }) =>
      exists(selectFrom("service_categories as c").select(sql`1`.as("one")).where("c.slug", "=", category).where(sql<boolean>`c.id = any(o.offer_category_ids)`)),
    );
  }
  if (query.quartiere !== undefined) {
    const quartiere = query.quartiere;
    base = base.where(({ exists, selectFrom }) =>
      exists(selectFrom("network_organisation_quartieri as nq").select(sql`1`.as("one")).whereRef("nq.organisation_id", "=", "o.id").where("nq.quartiere_id", "=", quartiere)),
    );
  }
  const [{ n }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
    base
      .select([...organisationColumns])
      .orderBy("o.name")
      .orderBy("o.id")
      .limit(DIRECTORY_PAGE_SIZE)
      .offset((query.page - 1) * DIRECTORY_PAGE_SIZE)
      .execute(),
  ]);
  return { organisations: await hydrate(db, rows), total: Number(n), page: query.page, pageSize: DIRECTORY_PAGE_SIZE };
}

export interface ManagedNetwork {
  organisations: NetworkOrganisation[];
  /** The quartieri this person may list an organisation in (all 88 for an admin). */
  quartieri: Array<{ id: number; name: string; municipioIds: number[] }>;
  isAdmin: boolean;
}

/** The entries serving at least one of the operator's quartieri (all of them for an admin). */
export async function listManagedOrganisations(db: DB, user: CurrentUser | null): Promise<ManagedNetwork> {
  assertVerifier(user);
  const scope = quartiereScope(user);
  const quartieri = (await listQuartieri(db)).filter((q) => scope === null || scope.includes(q.id));
  let query = db.selectFrom("network_organisations as o").select([...organisationColumns]).orderBy("o.name").orderBy("o.id");
  if (scope !== null) {
    if (scope.length === 0) return { organisations: [], quartieri, isAdmin: false };
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom("network_organisation_quartieri as nq").select(sql`1`.as("one")).whereRef("nq.organisation_id", "=", "o.id").where("nq.quartiere_id", "in", scope)),
    );
  }
  return { organisations: await hydrate(db, await query.execute()), quartieri, isAdmin: scope === null };
}

async function categoryIdsFor(db: DB, slugs: string[]): Promise<{ ids: number[]; unknown: boolean }> {
  if (slugs.length === 0) return { ids: [], unknown: false };
  const rows = await db.selectFrom("service_categories").select("id").where("slug", "in", slugs).execute();
  return { ids: rows.map((r) => r.id).sort((a, b) => a - b), unknown: rows.length !== slugs.length };
}

export type SaveOrganisationResult = { ok: true; id: string } | { ok: false; errors: OrganisationFieldErrors };

export async function createNetworkOrganisation(db: DB, user: CurrentUser | null, input: OrganisationInput): Promise<SaveOrganisationResult> {
  assertVerifier(user);
  const scope = quartiereScope(user);
  if (scope !== null && input.quartieri.some((q) => !scope.includes(q))) throw new AuthorisationError("not an operator of these quartieri");
  const categories = await categoryIdsFor(db, input.categories);
  if (categories.unknown) return { ok: false, errors: { categories: "network.errors.categories" } };
  const known = new Set((await listQuartieri(db)).map((q) => q.id));
  if (input.quartieri.some((q) => !known.has(q))) return { ok: false, errors: { quartieri: "network.errors.quartieri" } };

  const id = await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("network_organisations")
      .values({
        name: input.name,
        kind: input.kind,
        description: input.description,
        offer_category_ids: categories.ids,
        offers: input.offers,
        contact: input.contact,
        created_by: user.id,
        updated_by: user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("network_organisation_quartieri").values(input.quartieri.map((q) => ({ organisation_id: id, quartiere_id: q }))).execute();
    await recordAudit(trx, { actorUserId: user.id, action: "network_organisation.create", subjectType: "network_organisation", subjectId: id, details: { quartieri: [...input.quartieri].sort((a, b) => a - b) } });
    return id;
  });
  return { ok: true, id };
}

/**
 * Whether the entry exists (false if not) and serves one of the operator's quartieri
 * (AuthorisationError if it serves none): another quartiere's entry is 403, never 404.
 */
export async function assertCanEditOrganisation(db: DB, user: CurrentUser | null, id: string): Promise<boolean> {
  assertVerifier(user);
  if (!isUuid(id)) return false;
  const exists = await db.selectFrom("network_organisations").select("id").where("id", "=", id).executeTakeFirst();
  if (!exists) return false;
  const scope = quartiereScope(user);
  if (scope === null) return true;
  const served = await db.selectFrom("network_organisation_quartieri").select("quartiere_id").where("organisation_id", "=", id).execute();
  if (!served.some((r) => scope.includes(r.quartiere_id))) throw new AuthorisationError("this organisation serves none of your quartieri");
  return true;
}

/**
 * Changes an entry that serves at least one of the operator's quartieri. The operator's own
 * quartieri in its list become those submitted; the other operators' stay. Adding a quartiere
 * that is not theirs is refused.
 */
export async function updateNetworkOrganisation(db: DB, user: CurrentUser | null, id: string, input: OrganisationInput): Promise<SaveOrganisationResult | null> {
  assertVerifier(user);
  const scope = quartiereScope(user);
  const existing = await db.selectFrom("network_organisations").select(["id", "name", "kind", "description", "offer_category_ids", "offers", "contact"]).where("id", "=", id).executeTakeFirst();
  if (!existing) return null;
  const current = (await db.selectFrom("network_organisation_quartieri").select("quartiere_id").where("organisation_id", "=", id).execute()).map((r) => r.quartiere_id);
  const mine = (q: number) => scope === null || scope.includes(q);
  if (!current.some(mine)) throw new AuthorisationError("this organisation serves none of your quartieri");
  if (input.quartieri.some((q) => !mine(q) && !current.includes(q))) throw new AuthorisationError("not an operator of these quartieri");
  const next = [...new Set([...current.filter((q) => !mine(q)), ...input.quartieri])].sort((a, b) => a - b);
  const categories = await categoryIdsFor(db, input.categories);
  if (categories.unknown) return { ok: false, errors: { categories: "network.errors.categories" } };
  const known = new Set((await listQuartieri(db)).map((q) => q.id));
  if (next.some((q) => !known.has(q))) return { ok: false, errors: { quartieri: "network.errors.quartieri" } };

  const changed = (Object.keys(input) as Array<keyof OrganisationInput>).filter((key) => {
    if (key === "quartieri") return next.join(",") !== [...current].sort((a, b) => a - b).join(",");
    if (key === "categories") return categories.ids.join(",") !== [...existing.offer_category_ids].sort((a, b) => a - b).join(",");
    return existing[key] !== input[key];
  });
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("network_organisations")
      .set({
        name: input.name,
        kind: input.kind,
        description: input.description,
        offer_category_ids: categories.ids,
        offers: input.offers,
        contact: input.contact,
        updated_by: user.id,
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .execute();
    await trx.deleteFrom("network_organisation_quartieri").where("organisation_id", "=", id).where("quartiere_id", "not in", next).execute();
    await trx
      .insertInto("network_organisation_quartieri")
      .values(next.map((q) => ({ organisation_id: id, quartiere_id: q })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    // Which fields changed, never their text.
    await recordAudit(trx, { actorUserId: user.id, action: "network_organisation.update", subjectType: "network_organisation", subjectId: id, details: { changed, quartieri: next } });
  });
  return { ok: true, id };
}
