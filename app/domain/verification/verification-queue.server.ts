import { sql, type Kysely } from "kysely";
import type { Database, DocumentType, ProviderKind, ProviderStatus } from "../../../db/schema";
import { AuthorisationError, type CurrentUser } from "../accounts/current-user";
import { assertVerifier, quartiereScope } from "./operator-access.server";
import {
  addDays,
  daysBetween,
  documentExpiryState,
  EXPIRING_SOON_DAYS,
  reviewableStatuses,
  romeDate,
  type DocumentExpiryState,
  type QueueStatusFilter,
} from "./verification-rules";

export const QUEUE_PAGE_SIZE = 25;

export interface QueueQuery {
  /** One of the operator's quartieri; all of them when absent. */
  quartiereId?: number;
  status?: QueueStatusFilter;
  /** Only providers holding a document that expires within this many days (or already has). */
  expiringWithinDays?: number;
  page?: number;
}

export interface NextExpiry {
  docType: DocumentType;
  expiresOn: string;
  daysLeft: number;
  state: DocumentExpiryState;
}

export interface QueueItem {
  id: string;
  displayName: string;
  kind: ProviderKind;
  organisation: { id: string; name: string } | null;
  quartiere: { id: number; name: string } | null;
  status: ProviderStatus;
  submittedAt: string | null;
  updatedAt: string;
  /** The first of the provider's current documents to expire, if any has an expiry date. */
  nextExpiry: NextExpiry | null;
}

export interface VerificationQueue {
  /** The quartieri this operator can filter by (all of them for an admin). */
  quartieri: Array<{ id: number; name: string }>;
  filters: { quartiereId: number | null; status: QueueStatusFilter; expiringWithinDays: number | null };
  items: QueueItem[];
  total: number;
  page: number;
  pageSize: number;
}

async function quartieriOf(db: Kysely<Database>, user: CurrentUser): Promise<Array<{ id: number; name: string }>> {
  const scope = quartiereScope(user);
  if (scope !== null && scope.length === 0) return [];
  let query = db.selectFrom("quartieri").select(["id", "name"]).orderBy("name");
  if (scope !== null) query = query.where("id", "in", scope);
  return query.execute();
}

/** The providers waiting for (or past) verification in the operator's quartieri, with filters. */
export async function listVerificationQueue(
  db: Kysely<Database>,
  operator: CurrentUser | null,
  query: QueueQuery = {},
  options: { now?: Date } = {},
): Promise<VerificationQueue> {
  assertVerifier(operator);
  const scope = quartiereScope(operator);
  if (query.quartiereId !== undefined && scope !== null && !scope.includes(query.quartiereId)) {
    throw new AuthorisationError("not an operator of this quartiere");
  }
  const status = query.status ?? "pending";
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const today = romeDate(options.now ?? new Date());
  const quartieri = await quartieriOf(db, operator);
  const filters = { quartiereId: query.quartiereId ?? null, status, expiringWithinDays: query.expiringWithinDays ?? null };
  const quartiereIds = query.quartiereId !== undefined ? [query.quartiereId] : scope;
  if (quartiereIds !== null && quartiereIds.length === 0) {
    return { quartieri, filters, items: [], total: 0, page, pageSize: QUEUE_PAGE_SIZE };
  }

  let base = db
    .selectFrom("providers as p")
    .leftJoin("quartieri as q", "q.id", "p.quartiere_id")
    .leftJoin("providers as o", "o.id", "p.organisation_id")
    .where("p.status", "in", status === "all" ? [...reviewableStatuses] : [status]);
  if (quartiereIds !== null) base = base.where("p.quartiere_id", "in", quartiereIds);
  if (query.expiringWithinDays !== undefined) {
    const until = addDays(today, query.expiringWithinDays);
    base = base.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("provider_documents as d")
          .select(sql`1`.as("one"))
          .whereRef("d.provider_id", "=", "p.id")
          .where("d.replaced_at", "is", null)
          .where(sql<boolean>`d.expires_on <= ${until}::date`),
      ),
    );
  }

  const totalRow = await base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  let listQuery = base.select([
    "p.id",
    "p.display_name",
    "p.kind",
    "p.status",
    "p.submitted_at",
    "p.updated_at",
    "p.created_at",
    "q.id as quartiere_id",
    "q.name as quartiere_name",
    "o.id as organisation_id",
    sql<string | null>`coalesce(o.organisation_name, o.display_name)`.as("organisation_name"),
  ]);
  // What waits for a decision comes oldest first; everything else most recently changed first.
  listQuery =
    status === "pending" || status === "changes_requested"
      ? listQuery.orderBy(sql`coalesce(p.submitted_at, p.created_at)`, "asc")
      : listQuery.orderBy("p.updated_at", "desc");
  const rows = await listQuery
    .orderBy("p.id")
    .limit(QUEUE_PAGE_SIZE)
    .offset((page - 1) * QUEUE_PAGE_SIZE)
    .execute();

  const expiries = await nextExpiries(db, rows.map((r) => r.id), today);
  return {
    quartieri,
    filters,
    total: Number(totalRow.n),
    page,
    pageSize: QUEUE_PAGE_SIZE,
    items: rows.map((row) => ({
      id: row.id,
      displayName: row.display_name,
      kind: row.kind,
      organisation: row.organisation_id ? { id: row.organisation_id, name: row.organisation_name ?? "" } : null,
      quartiere: row.quartiere_id !== null && row.quartiere_name !== null ? { id: row.quartiere_id, name: row.quartiere_name } : null,
      status: row.status,
      submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
      updatedAt: new Date(row.updated_at).toISOString(),
      nextExpiry: expiries.get(row.id) ?? null,
    })),
  };
}

async function nextExpiries(db: Kysely<Database>, providerIds: string[], today: string): Promise<Map<string, NextExpiry>> {
  const map = new Map<string, NextExpiry>();
  if (providerIds.length === 0) return map;
  const docs = await db
    .selectFrom("provider_documents")
    .select(["provider_id", "doc_type", sql<string>`expires_on::text`.as("expires_on")])
    .where("provider_id", "in", providerIds)
    .where("replaced_at", "is", null)
    .where("expires_on", "is not", null)
    .orderBy("expires_on")
    .execute();
  for (const doc of docs) {
    if (map.has(doc.provider_id)) continue;
    map.set(doc.provider_id, {
      docType: doc.doc_type,
      expiresOn: doc.expires_on,
      daysLeft: daysBetween(today, doc.expires_on),
      state: documentExpiryState(doc.expires_on, today),
    });
  }
  return map;
}

export interface OperatorOverview {
  quartieri: Array<{ id: number; name: string; counts: Record<ProviderStatus, number> }>;
  /** Current documents expiring within 30 days or already expired, of providers not rejected, soonest first. */
  expiringDocuments: Array<{
    providerId: string;
    providerName: string;
    providerStatus: ProviderStatus;
    quartiere: { id: number; name: string } | null;
    docType: DocumentType;
    expiresOn: string;
    daysLeft: number;
    state: DocumentExpiryState;
  }>;
  isAdmin: boolean;
}

const emptyCounts = (): Record<ProviderStatus, number> => ({
  draft: 0,
  pending: 0,
  changes_requested: 0,
  verified: 0,
  rejected: 0,
  suspended: 0,
  expired: 0,
});

/** The operator's home page: their quartieri with providers per status, and documents about to expire. */
export async function getOperatorOverview(
  db: Kysely<Database>,
  operator: CurrentUser | null,
  options: { now?: Date; expiringLimit?: number } = {},
): Promise<OperatorOverview> {
  assertVerifier(operator);
  const scope = quartiereScope(operator);
  const today = romeDate(options.now ?? new Date());
  const quartieri = await quartieriOf(db, operator);
  if (scope !== null && scope.length === 0) return { quartieri: [], expiringDocuments: [], isAdmin: false };

  let countQuery = db
    .selectFrom("providers")
    .select(["quartiere_id", "status", (eb) => eb.fn.countAll<string>().as("n")])
    .where("status", "in", [...reviewableStatuses])
    .groupBy(["quartiere_id", "status"]);
  if (scope !== null) countQuery = countQuery.where("quartiere_id", "in", scope);
  const counts = await countQuery.execute();
  const byQuartiere = new Map<number, Record<ProviderStatus, number>>();
  for (const row of counts) {
    if (row.quartiere_id === null) continue;
    const entry = byQuartiere.get(row.quartiere_id) ?? emptyCounts();
    entry[row.status] = Number(row.n);
    byQuartiere.set(row.quartiere_id, entry);
  }

  let expiringQuery = db
    .selectFrom("provider_documents as d")
    .innerJoin("providers as p", "p.id", "d.provider_id")
    .leftJoin("quartieri as q", "q.id", "p.quartiere_id")
    .select([
      "p.id as provider_id",
      "p.display_name",
      "p.status",
      "q.id as quartiere_id",
      "q.name as quartiere_name",
      "d.doc_type",
      sql<string>`d.expires_on::text`.as("expires_on"),
    ])
    .where("d.replaced_at", "is", null)
    .where(sql<boolean>`d.expires_on <= ${addDays(today, EXPIRING_SOON_DAYS)}::date`)
    .where("p.status", "in", ["pending", "changes_requested", "verified", "suspended", "expired"])
    .orderBy("d.expires_on")
    .orderBy("p.display_name")
    .limit(options.expiringLimit ?? 50);
  if (scope !== null) expiringQuery = expiringQuery.where("p.quartiere_id", "in", scope);
  const expiring = await expiringQuery.execute();

  return {
    isAdmin: scope === null,
    // An admin sees every quartiere that has providers; an operator all of theirs, even empty ones.
    quartieri: quartieri
      .filter((q) => scope !== null || byQuartiere.has(q.id))
      .map((q) => ({ ...q, counts: byQuartiere.get(q.id) ?? emptyCounts() })),
    expiringDocuments: expiring.map((row) => ({
      providerId: row.provider_id,
      providerName: row.display_name,
      providerStatus: row.status,
      quartiere: row.quartiere_id !== null && row.quartiere_name !== null ? { id: row.quartiere_id, name: row.quartiere_name } : null,
      docType: row.doc_type,
      expiresOn: row.expires_on,
      daysLeft: daysBetween(today, row.expires_on),
      state: documentExpiryState(row.expires_on, today),
    })),
  };
}
