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

export const bookingStatuses = [
  "requested",
  "counter_offered",
  "accepted",
  "declined",
  "confirmed",
  "in_progress",
  "completed",
  "reviewed",
  "cancelled",
  "no_show",
  "expired",
] as const;
export type BookingStatus = (typeof bookingStatuses)[number];
export type BookingKind = "one_off" | "recurring";
export type PaymentMode = "online" | "direct";
export type BookingActorRole = "family" | "provider" | "operator" | "system";

/** A date column (no time), read and written as 'YYYY-MM-DD'. */
type DateColumn = ColumnType<string, string, string>;

export interface BookingsTable {
  id: Generated<string>;
  provider_id: string;
  family_user_id: string;
  category_id: number;
  kind: BookingKind;
  status: ColumnType<BookingStatus, BookingStatus | undefined, BookingStatus>;
  /** ISO weekdays (1 = Monday) of the weekly pattern; a one-off has the weekday of its date. */
  weekdays: number[];
  /** Minutes after midnight, local time (Europe/Rome); end is exclusive. */
  start_minute: number;
  end_minute: number;
  first_date: DateColumn;
  last_date: DateColumn;
  address: string;
  care_notes: Generated<string>;
  contact_phone: string | null;
  hourly_price_cents: number;
  /** Computed on the server from the schedule and the price. */
  total_cents: number;
  currency: Generated<string>;
  payment_mode: PaymentMode | null;
  cancellation_policy: Generated<string>;
  /** Set when a shared group books: each member pays their own share. */
  shared_group_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The quartiere where the service happens (for dashboards); the address stays private. */
  quartiere_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BookingCounterOffersTable {
  id: Generated<string>;
  booking_id: string;
  weekdays: number[];
  start_minute: number;
  end_minute: number;
  first_date: DateColumn;
  last_date: DateColumn;
  hourly_price_cents: number;
  note: Generated<string>;
  created_by: string | null;
  created_at: Timestamp;
  resolved_at: NullableTimestamp;
  resolution: "accepted" | "declined" | "superseded" | "withdrawn" | null;
}

export interface BookingTransitionsTable {
  id: Generated<string>;
  booking_id: string;
  from_status: BookingStatus | null;
  to_status: BookingStatus;
  action: string;
  actor_role: BookingActorRole;
  actor_user_id: string | null;
  note: string | null;
  created_at: Timestamp;
}

export interface MessageThreadsTable {
  id: Generated<string>;
  booking_id: string;
  reported_at: NullableTimestamp;
  reported_by: string | null;
  report_reason: string | null;
  created_at: Timestamp;
}

export interface MessagesTable {
  id: Generated<string>;
  thread_id: string;
  sender_user_id: string | null;
  body: string;
  created_at: Timestamp;
}

export interface ThreadReadsTable {
  thread_id: string;
  user_id: string;
  last_read_message_id: ColumnType<string, string | number | undefined, string | number>;
}

export interface ProviderPayoutAccountsTable {
  provider_id: string;
  stripe_account_id: string;
  charges_enabled: Generated<boolean>;
  payouts_enabled: Generated<boolean>;
  details_submitted: Generated<boolean>;
  updated_at: Timestamp;
}

export interface VouchersTable {
  id: Generated<string>;
  family_user_id: string;
  /** The programme that funds it, e.g. an ISEE-based municipal measure. */
  programme: string;
  budget_cents: number;
  /** Never negative (a CHECK constraint); every change has a voucher_ledger row. */
  balance_cents: number;
  /** Categories it may pay for; empty means any. */
  category_ids: Generated<number[]>;
  expires_on: DateColumn;
  granted_by: string | null;
  quartiere_id: number | null;
  created_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export const paymentStatuses = ["pending", "paid", "failed", "expired", "refunded", "partially_refunded"] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

export interface PaymentsTable {
  id: Generated<string>;
  booking_id: string;
  payer_user_id: string;
  /** amount = voucher + stripe, integer cents. */
  amount_cents: number;
  voucher_cents: Generated<number>;
  stripe_cents: Generated<number>;
  platform_fee_cents: Generated<number>;
  refunded_cents: Generated<number>;
  currency: Generated<string>;
  status: PaymentStatus;
  stripe_checkout_session_id: string | null;
  stripe_payment_intent_id: string | null;
  failure_code: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VoucherLedgerTable {
  id: Generated<string>;
  voucher_id: string;
  payment_id: string | null;
  /** Negative: spent; positive: released (checkout abandoned) or refunded. */
  amount_cents: number;
  reason: "spend" | "release" | "refund";
  created_at: Timestamp;
}

export interface StripeEventsTable {
  /** Stripe's event id: a redelivered event is recognised by it. */
  id: string;
  type: string;
  payload: ColumnType<unknown, string, string>;
  stripe_created_at: ColumnType<Date, Date | string, Date | string>;
  received_at: Timestamp;
  processed_at: NullableTimestamp;
  outcome: string | null;
}

export interface ReviewsTable {
  id: Generated<string>;
  booking_id: string;
  provider_id: string;
  author_user_id: string | null;
  rating_reliability: number;
  rating_care: number;
  rating_communication: number;
  body: Generated<string>;
  reply_body: string | null;
  replied_at: NullableTimestamp;
  hidden_at: NullableTimestamp;
  hidden_by: string | null;
  hidden_reason: string | null;
  created_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  actor_user_id: string | null;
  /** What was done, e.g. "provider.approve", "voucher.grant", "thread.read", "review.hide". */
  action: string;
  subject_type: string;
  subject_id: string;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
}

/** One weekly time window: ISO weekday (1 = Monday) and minutes after midnight, local time. */
export interface WeeklyWindowJson {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

export interface CondominiumsTable {
  id: Generated<string>;
  name: string;
  address: string;
  quartiere_id: number;
  lat: number;
  lng: number;
  units: number;
  /** Neighbours join with this code (typed, or from the QR poster). */
  invite_code: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CondominiumMembersTable {
  condominium_id: string;
  user_id: string;
  member_role: Generated<"administrator" | "resident">;
  unit_label: string | null;
  /** Consent to let the other members see this person's posted needs. */
  shares_needs: Generated<boolean>;
  joined_at: Timestamp;
}

export interface CondominiumPostsTable {
  id: Generated<string>;
  condominium_id: string;
  author_user_id: string | null;
  body: string;
  created_at: Timestamp;
  hidden_at: NullableTimestamp;
}

export const needStatuses = ["open", "grouped", "fulfilled", "withdrawn"] as const;
export type NeedStatus = (typeof needStatuses)[number];

export interface NeedsTable {
  id: Generated<string>;
  /** Null when an operator posted it at a hub desk for someone without an account. */
  family_user_id: string | null;
  created_by_user_id: string | null;
  on_behalf_of: string | null;
  category_id: number;
  windows: ColumnType<WeeklyWindowJson[], string, string>;
  address: string;
  quartiere_id: number;
  lat: number;
  lng: number;
  condominium_id: string | null;
  details: Generated<string>;
  children_ages: Generated<number[]>;
  persons: Generated<number>;
  budget_cents_per_hour: number | null;
  open_to_sharing: Generated<boolean>;
  max_walk_m: Generated<number>;
  status: ColumnType<NeedStatus, NeedStatus | undefined, NeedStatus>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export const sharedGroupStatuses = ["proposed", "formed", "booked", "active", "dissolved"] as const;
export type SharedGroupStatus = (typeof sharedGroupStatuses)[number];

export interface SharedGroupsTable {
  id: Generated<string>;
  /** The engine's stable key (sorted need ids): the same proposal is never stored twice. */
  proposal_key: string;
  category_id: number;
  status: ColumnType<SharedGroupStatus, SharedGroupStatus | undefined, SharedGroupStatus>;
  quartiere_id: number;
  condominium_id: string | null;
  meeting_lat: number;
  meeting_lng: number;
  shared_windows: ColumnType<WeeklyWindowJson[], string, string>;
  weekly_minutes: number;
  hourly_total_cents: number;
  /** What one family would pay alone per hour, for the saving shown and measured. */
  individual_hourly_cents: number;
  min_size: Generated<number>;
  provider_id: string | null;
  booking_id: string | null;
  created_by_user_id: string | null;
  created_at: Timestamp;
  formed_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface SharedGroupMembersTable {
  group_id: string;
  need_id: string;
  family_user_id: string | null;
  status: ColumnType<"invited" | "accepted" | "declined" | "left", "invited" | "accepted" | "declined" | "left" | undefined, "invited" | "accepted" | "declined" | "left">;
  persons: Generated<number>;
  share_hourly_cents: number;
  responded_at: NullableTimestamp;
  leaves_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SharedGroupTransitionsTable {
  id: Generated<string>;
  group_id: string;
  from_status: SharedGroupStatus | null;
  to_status: SharedGroupStatus;
  action: string;
  actor_user_id: string | null;
  note: string | null;
  created_at: Timestamp;
}

export interface SharedGroupOffersTable {
  id: Generated<string>;
  group_id: string;
  provider_id: string;
  hourly_total_cents: number;
  message: Generated<string>;
  status: ColumnType<"open" | "chosen" | "withdrawn" | "not_chosen", "open" | "chosen" | "withdrawn" | "not_chosen" | undefined, "open" | "chosen" | "withdrawn" | "not_chosen">;
  offered_by: string | null;
  created_at: Timestamp;
}

/** A territorial platform: a physical neighbourhood hub. Its operators are those of the quartieri it covers. */
export interface HubsTable {
  id: Generated<string>;
  name: string;
  address: string;
  lat: number;
  lng: number;
  /** [{ weekday, startMinute, endMinute }] */
  opening_hours: ColumnType<WeeklyWindowJson[], string | undefined, string>;
  created_at: Timestamp;
}

export interface HubQuartieriTable {
  hub_id: string;
  quartiere_id: number;
}

export interface HubEventsTable {
  id: Generated<string>;
  hub_id: string;
  title: string;
  description: Generated<string>;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  capacity: number;
  created_by: string | null;
  created_at: Timestamp;
}

export interface HubEventSignupsTable {
  event_id: string;
  user_id: string;
  created_at: Timestamp;
}

/** A search that found too little: what, where and in which language; never who. */
export interface SearchDemandEventsTable {
  id: Generated<string>;
  category_id: number | null;
  quartiere_id: number | null;
  language: string;
  result_count: number;
  created_at: Timestamp;
}

export const networkOrganisationKinds = ["association", "parish", "cooperative", "other"] as const;
export type NetworkOrganisationKind = (typeof networkOrganisationKinds)[number];

/** A third-sector organisation of the neighbourhood network (QuBì-style): public directory entry. */
export interface NetworkOrganisationsTable {
  id: Generated<string>;
  name: string;
  kind: NetworkOrganisationKind;
  description: Generated<string>;
  offer_category_ids: Generated<number[]>;
  offers: Generated<string>;
  /** The organisation's public contact (phone, e-mail, address), never a person's. */
  contact: Generated<string>;
  created_by: string | null;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NetworkOrganisationQuartieriTable {
  organisation_id: string;
  quartiere_id: number;
}

/** An open need an operator routed to a network organisation. */
export interface NeedReferralsTable {
  id: Generated<string>;
  need_id: string;
  organisation_id: string;
  operator_user_id: string | null;
  note: Generated<string>;
  created_at: Timestamp;
}

/**
 * A materialised view (db/migrations/0006_impact.ts): one row per booking with the moments the
 * dashboard measures. Read-only; refreshed by the worker (app/domain/impact/booking-facts.server.ts).
 */
export interface ImpactBookingFactsTable {
  booking_id: string;
  quartiere_id: number | null;
  category_id: number;
  family_user_id: string;
  provider_id: string;
  provider_quartiere_id: number | null;
  status: BookingStatus;
  created_at: Date;
  first_date: string;
  last_date: string;
  requested_at: Date | null;
  answered_at: Date | null;
  response_seconds: number | null;
  completed_at: Date | null;
}

export interface ImpactRefreshesTable {
  view_name: string;
  refreshed_at: Date;
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
  bookings: BookingsTable;
  booking_counter_offers: BookingCounterOffersTable;
  booking_transitions: BookingTransitionsTable;
  message_threads: MessageThreadsTable;
  messages: MessagesTable;
  thread_reads: ThreadReadsTable;
  provider_payout_accounts: ProviderPayoutAccountsTable;
  vouchers: VouchersTable;
  payments: PaymentsTable;
  voucher_ledger: VoucherLedgerTable;
  stripe_events: StripeEventsTable;
  reviews: ReviewsTable;
  audit_log: AuditLogTable;
  condominiums: CondominiumsTable;
  condominium_members: CondominiumMembersTable;
  condominium_posts: CondominiumPostsTable;
  needs: NeedsTable;
  shared_groups: SharedGroupsTable;
  shared_group_members: SharedGroupMembersTable;
  shared_group_transitions: SharedGroupTransitionsTable;
  shared_group_offers: SharedGroupOffersTable;
  hubs: HubsTable;
  hub_quartieri: HubQuartieriTable;
  hub_events: HubEventsTable;
  hub_event_signups: HubEventSignupsTable;
  search_demand_events: SearchDemandEventsTable;
  network_organisations: NetworkOrganisationsTable;
  network_organisation_quartieri: NetworkOrganisationQuartieriTable;
  need_referrals: NeedReferralsTable;
  impact_booking_facts: ImpactBookingFactsTable;
  impact_refreshes: ImpactRefreshesTable;
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
export type Booking = Selectable<BookingsTable>;
export type Payment = Selectable<PaymentsTable>;
export type Voucher = Selectable<VouchersTable>;
export type Review = Selectable<ReviewsTable>;
export type Need = Selectable<NeedsTable>;
export type SharedGroup = Selectable<SharedGroupsTable>;
