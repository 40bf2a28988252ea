import { sql, type Kysely } from "kysely";
import type { Database, DocumentType, ProviderKind, ProviderMemberRole, ProviderStatus } from "../../../db/schema";
import type { CurrentUser } from "../accounts/current-user";
import { documentSummaryOf, type DocumentSummary } from "../providers/document-summary";
import { listProviderServices, listProviderZones, listWeeklySlots } from "../providers/provider-details.server";
import { providerIdentityOf, type ProviderIdentity } from "../providers/provider-identity";
import { providerInScope } from "./operator-access.server";
import { nextProviderStatus } from "./provider-status-machine";
import {
  daysBetween,
  documentExpiryState,
  documentProblems,
  operatorActions,
  requiredDocumentTypes,
  romeDate,
  type DocumentExpiryState,
  type DocumentProblem,
  type OperatorAction,
} from "./verification-rules";

/** A document as the operator checks it: current or replaced, with its expiry state. */
export interface ReviewDocument extends DocumentSummary {
  daysLeft: number | null;
  state: DocumentExpiryState;
  replacedAt: string | null;
  required: boolean;
}

export interface ReviewTransition {
  id: string;
  from: ProviderStatus;
  to: ProviderStatus;
  actor: string;
  /** The person who acted, if any and if their account still exists. */
  actorName: string | null;
  reason: string | null;
  at: string;
}

/** Why "approve" (or "reinstate") would be refused right now. */
export type ApprovalProblem =
  | { kind: "document"; docType: DocumentType; problem: DocumentProblem["problem"] }
  | { kind: "organisation_not_accredited" }
  | { kind: "profile_incomplete"; fields: string[] };

export interface ProviderForReview extends ProviderIdentity {
  quartiere: { id: number; name: string } | null;
  active: boolean;
  languages: string[];
  bio: Record<string, string>;
  yearsExperience: number;
  minorsCheck: boolean;
  photoUrl: string | null;
  serviceRadiusM: number;
  hourlyPriceCents: number | null;
  currency: string;
  createdAt: string;
  submittedAt: string | null;
  verifiedAt: string | null;
  services: Array<{ categorySlug: string; hourlyPriceCents: number }>;
  zones: Array<{ id: number; name: string }>;
  availability: Array<{ weekday: number; startMinute: number; endMinute: number }>;
  members: Array<{ name: string; email: string; role: ProviderMemberRole }>;
  documents: ReviewDocument[];
  requiredDocuments: DocumentType[];
  history: ReviewTransition[];
  /** For a worker: the organisation that employs them (its accreditation). */
  organisation: { id: string; name: string; status: ProviderStatus } | null;
  /** For an organisation: its workers, each verified on their own. */
  workers: Array<{ id: string; displayName: string; status: ProviderStatus; quartiere: { id: number; name: string } | null }>;
  /** The decisions the operator can take now (by the state machine). */
  allowedActions: OperatorAction[];
  /** Reasons approval or reinstatement would be refused (empty: none). */
  approvalProblems: ApprovalProblem[];
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** Everything an operator checks before deciding, or null if there is no such provider. */
export async function getProviderForReview(
  db: Kysely<Database>,
  operator: CurrentUser | null,
  providerId: string,
  options: { now?: Date } = {},
): Promise<ProviderForReview | null> {
  const scope = await providerInScope(db, operator, providerId);
  if (!scope) return null;
  const today = romeDate(options.now ?? new Date());

  const provider = await db
    .selectFrom("providers as p")
    .leftJoin("quartieri as q", "q.id", "p.quartiere_id")
    .leftJoin("providers as o", "o.id", "p.organisation_id")
    .select([
      "p.id", "p.kind", "p.status", "p.display_name", "p.organisation_name", "p.fiscal_code", "p.vat_number",
      "p.base_address", "p.active", "p.languages", "p.bio", "p.years_experience", "p.minors_check", "p.photo_url",
      "p.service_radius_m", "p.hourly_price_cents", "p.currency", "p.created_at", "p.submitted_at", "p.verified_at",
      "p.lat", "p.lng", "q.id as quartiere_id", "q.name as quartiere_name",
      "o.id as org_id", "o.status as org_status", sql<string | null>`coalesce(o.organisation_name, o.display_name)`.as("org_name"),
    ])
    .where("p.id", "=", scope.id)
    .executeTakeFirstOrThrow();

  const [services, zones, slots, members, documents, history, workers] = await Promise.all([
    listProviderServices(db, scope.id),
    listProviderZones(db, scope.id),
    listWeeklySlots(db, scope.id),
    db
      .selectFrom("provider_members as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["u.display_name", "u.email", "m.member_role"])
      .where("m.provider_id", "=", scope.id)
      .where("u.deleted_at", "is", null)
      .orderBy("m.member_role")
      .orderBy("u.email")
      .execute(),
    db
      .selectFrom("provider_documents")
      .select([
        "id", "doc_type", "original_name", "content_type", "size_bytes", sql<string | null>`expires_on::text`.as("expires_on"),
        "uploaded_at", "replaced_at",
      ])
      .where("provider_id", "=", scope.id)
      .orderBy(sql`replaced_at is not null`)
      .orderBy("doc_type")
      .orderBy("uploaded_at", "desc")
      .execute(),
    db
      .selectFrom("provider_status_transitions as t")
      .leftJoin("users as u", (join) => join.onRef("u.id", "=", "t.actor_user_id").on("u.deleted_at", "is", null))
      .select(["t.id", "t.from_status", "t.to_status", "t.actor", "t.reason", "t.created_at", sql<string | null>`coalesce(u.display_name, u.email)`.as("actor_name")])
      .where("t.provider_id", "=", scope.id)
      .orderBy("t.created_at", "desc")
      .orderBy("t.id", "desc")
      .execute(),
    scope.kind === "organisation"
      ? db
          .selectFrom("providers as w")
          .leftJoin("quartieri as q", "q.id", "w.quartiere_id")
          .select(["w.id", "w.display_name", "w.status", "q.id as quartiere_id", "q.name as quartiere_name"])
          .where("w.organisation_id", "=", scope.id)
          .orderBy("w.display_name")
          .execute()
      : Promise.resolve([]),
  ]);

  const categorySlugs = services.map((s) => s.slug);
  const required = requiredDocumentTypes({ kind: provider.kind, categorySlugs });
  const reviewDocuments: ReviewDocument[] = documents.map((d) => ({
    ...documentSummaryOf(d),
    daysLeft: d.expires_on ? daysBetween(today, d.expires_on) : null,
    state: documentExpiryState(d.expires_on, today),
    replacedAt: iso(d.replaced_at),
    required: required.includes(d.doc_type),
  }));

  const organisation = provider.org_id ? { id: provider.org_id, name: provider.org_name ?? "", status: provider.org_status! } : null;
  return {
    ...providerIdentityOf(provider),
    quartiere: provider.quartiere_id !== null && provider.quartiere_name !== null ? { id: provider.quartiere_id, name: provider.quartiere_name } : null,
    active: provider.active,
    languages: provider.languages,
    bio: (provider.bio ?? {}) as Record<string, string>,
    yearsExperience: provider.years_experience,
    minorsCheck: provider.minors_check,
    photoUrl: provider.photo_url,
    serviceRadiusM: provider.service_radius_m,
    hourlyPriceCents: provider.hourly_price_cents,
    currency: provider.currency.trim(),
    createdAt: iso(provider.created_at)!,
    submittedAt: iso(provider.submitted_at),
    verifiedAt: iso(provider.verified_at),
    services: services.map((s) => ({ categorySlug: s.slug, hourlyPriceCents: s.hourlyPriceCents })),
    zones,
    availability: slots,
    members: members.map((m) => ({ name: m.display_name ?? m.email, email: m.email, role: m.member_role })),
    documents: reviewDocuments,
    requiredDocuments: required,
    history: history.map((h) => ({
      id: String(h.id),
      from: h.from_status,
      to: h.to_status,
      actor: h.actor,
      actorName: h.actor_name,
      reason: h.reason,
      at: iso(h.created_at)!,
    })),
    organisation,
    workers: workers.map((w) => ({
      id: w.id,
      displayName: w.display_name,
      status: w.status,
      quartiere: w.quartiere_id !== null && w.quartiere_name !== null ? { id: w.quartiere_id, name: w.quartiere_name } : null,
    })),
    allowedActions: operatorActions.filter((action) => nextProviderStatus(provider.status, action) !== null),
    approvalProblems: approvalProblemsOf({
      kind: provider.kind,
      categorySlugs,
      documents: reviewDocuments.map((d) => ({ docType: d.docType, expiresOn: d.expiresOn, replaced: d.replacedAt !== null })),
      organisationStatus: organisation?.status ?? null,
      profile: { quartiere_id: provider.quartiere_id, lat: provider.lat, lng: provider.lng, hourly_price_cents: provider.hourly_price_cents },
      today,
    }),
  };
}

/** The checks behind approval and reinstatement, shared by the review page and the decision itself. */
export function approvalProblemsOf(input: {
  kind: ProviderKind;
  categorySlugs: string[];
  documents: Array<{ docType: DocumentType; expiresOn: string | null; replaced: boolean }>;
  /** The employing organisation's status, for a worker; null otherwise. */
  organisationStatus: ProviderStatus | null;
  profile: { quartiere_id: number | null; lat: number | null; lng: number | null; hourly_price_cents: number | null };
  today: string;
}): ApprovalProblem[] {
  const problems: ApprovalProblem[] = [];
  const missing = [
    ...(input.categorySlugs.length === 0 ? ["services"] : []),
    ...(input.profile.quartiere_id === null ? ["quartiere"] : []),
    ...(input.profile.lat === null || input.profile.lng === null ? ["location"] : []),
    ...(input.profile.hourly_price_cents === null ? ["price"] : []),
  ];
  if (missing.length > 0) problems.push({ kind: "profile_incomplete", fields: missing });
  for (const problem of documentProblems({ kind: input.kind, categorySlugs: input.categorySlugs }, input.documents, input.today)) {
    problems.push({ kind: "document", docType: problem.docType, problem: problem.problem });
  }
  if (input.organisationStatus !== null && input.organisationStatus !== "verified") problems.push({ kind: "organisation_not_accredited" });
  return problems;
}
