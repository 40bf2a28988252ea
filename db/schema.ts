import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** The one truth of table types. Every table added by a migration is described here. */

/** A timestamptz column with a default: optional on insert. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A nullable timestamptz column. */
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export const providerKinds = ["individual", "organisation"] as const;
export type ProviderKind = (typeof providerKinds)[number];

export const providerStatuses = [
  "draft",
  "pending",
  "changes_requested",
  "verified",
  "rejected",
  "suspended",
  "expired",
] as const;
export type ProviderStatus = (typeof providerStatuses)[number];

export interface MunicipiTable {
  id: number;
  name: string;
  areas: string;
}

export interface QuartieriTable {
  id: number;
  name: string;
  slug: string;
  lat: number;
  lng: number;
}

export interface QuartiereMunicipiTable {
  quartiere_id: number;
  municipio_id: number;
  is_primary: boolean;
}

export interface ServiceCategoriesTable {
  id: Generated<number>;
  slug: string;
  sort_order: number;
  is_shared: boolean;
}

export interface ProvidersTable {
  id: Generated<string>;
  kind: ProviderKind;
  display_name: string;
  organisation_name: string | null;
  status: ProviderStatus;
  active: Generated<boolean>;
  languages: string[];
  /** Null only while a draft is being filled in; required to submit. */
  hourly_price_cents: number | null;
  currency: Generated<string>;
  quartiere_id: number | null;
  lat: number | null;
  lng: number | null;
  service_radius_m: number;
  bio: ColumnType<Record<string, string>, string, string>;
  years_experience: number;
  minors_check: Generated<boolean>;
  photo_url: string | null;
  verified_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** An organisation's worker points to the organisation's provider row. */
  organisation_id: string | null;
  fiscal_code: string | null;
  vat_number: string | null;
  base_address: string | null;
  /** The wizard step to resume at. */
  onboarding_step: Generated<string>;
  submitted_at: NullableTimestamp;
}

export interface ProviderServicesTable {
  provider_id: string;
  category_id: number;
  hourly_price_cents: number;
}

export interface ProviderZonesTable {
  provider_id: string;
  quartiere_id: number;
}

export interface AvailabilitySlotsTable {
  id: Generated<number>;
  provider_id: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes after midnight, local time (Europe/Rome). */
  start_minute: number;
  end_minute: number;
}

export interface ProviderStatusTransitionsTable {
  id: Generated<string>;
  provider_id: string;
  from_status: ProviderStatus;
  to_status: ProviderStatus;
  actor: string;
  /** The signed-in person who acted (an operator); null for the system or an erased account. */
  actor_user_id: ColumnType<string | null, string | null | undefined, string | null>;
  reason: string | null;
  created_at: Timestamp;
}

export interface SearchOutboxTable {
  id: Generated<string>;
  provider_id: string;
  enqueued_at: Timestamp;
  attempts: Generated<number>;
  last_error: string | null;
}

export const userRoles = ["family", "provider", "organisation_member", "operator", "admin"] as const;
export type UserRole = (typeof userRoles)[number];

export interface UsersTable {
  id: Generated<string>;
  /** Unique case-insensitively. */
  email: string;
  /** argon2id; null for an erased account. */
  password_hash: string | null;
  display_name: string | null;
  locale: Generated<string>;
  email_verified_at: NullableTimestamp;
  created_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface UserRolesTable {
  user_id: string;
  role: UserRole;
  granted_at: Timestamp;
}

export interface OperatorQuartieriTable {
  user_id: string;
  quartiere_id: number;
}

export interface SessionsTable {
  /** sha256 of the cookie's session id: a stolen database copy gives no usable session. */
  id_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Date;
  user_agent: string | null;
}

export const authTokenPurposes = ["verify_email", "reset_password"] as const;
export type AuthTokenPurpose = (typeof authTokenPurposes)[number];

export interface AuthTokensTable {
  id: Generated<string>;
  user_id: string;
  purpose: AuthTokenPurpose;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Date;
  used_at: NullableTimestamp;
}

export interface LoginFailuresTable {
  id: Generated<string>;
  email: string;
  ip: string | null;
  created_at: Timestamp;
}

export const providerMemberRoles = ["owner", "manager", "worker"] as const;
export type ProviderMemberRole = (typeof providerMemberRoles)[number];

export interface ProviderMembersTable {
  provider_id: string;
  user_id: string;
  member_role: ProviderMemberRole;
}

export const documentTypes = ["identity", "qualification", "criminal_record_minors", "insurance", "photo"] as const;
export type DocumentType = (typeof documentTypes)[number];

export interface ProviderDocumentsTable {
  id: Generated<string>;
  provider_id: string;
  doc_type: DocumentType;
  original_name: string;
  /** File name inside the uploads folder (outside public/). */
  storage_key: string;
  content_type: string;
  size_bytes: number;
  /** A date (no time): 'YYYY-MM-DD'. */
  expires_on: ColumnType<string | null, string | null | undefined, string | null>;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
  replaced_at: NullableTimestamp;
  reminded_30_at: NullableTimestamp;
  reminded_7_at: NullableTimestamp;
}

/** A worker added by an organisation, waiting for the person with that e-mail to have an account. */
export interface ProviderInvitationsTable {
  provider_id: string;
  email: string;
  invited_by: string | null;
  created_at: Timestamp;
  accepted_at: NullableTimestamp;
}

export interface Database {
  municipi: MunicipiTable;
  quartieri: QuartieriTable;
  quartiere_municipi: QuartiereMunicipiTable;
  service_categories: ServiceCategoriesTable;
  providers: ProvidersTable;
  provider_services: ProviderServicesTable;
  provider_zones: ProviderZonesTable;
  availability_slots: AvailabilitySlotsTable;
  provider_status_transitions: ProviderStatusTransitionsTable;
  search_outbox: SearchOutboxTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  operator_quartieri: OperatorQuartieriTable;
  sessions: SessionsTable;
  auth_tokens: AuthTokensTable;
  login_failures: LoginFailuresTable;
  provider_members: ProviderMembersTable;
  provider_documents: ProviderDocumentsTable;
  provider_invitations: ProviderInvitationsTable;
}

export type Provider = Selectable<ProvidersTable>;
export type NewProvider = Insertable<ProvidersTable>;
export type ProviderUpdate = Updateable<ProvidersTable>;
export type Quartiere = Selectable<QuartieriTable>;
export type Municipio = Selectable<MunicipiTable>;
export type ServiceCategory = Selectable<ServiceCategoriesTable>;
export type AvailabilitySlot = Selectable<AvailabilitySlotsTable>;
export type User = Selectable<UsersTable>;
export type ProviderDocument = Selectable<ProviderDocumentsTable>;
