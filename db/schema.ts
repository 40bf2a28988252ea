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
  hourly_price_cents: number;
  currency: Generated<string>;
  quartiere_id: number;
  lat: number;
  lng: number;
  service_radius_m: number;
  bio: ColumnType<Record<string, string>, string, string>;
  years_experience: number;
  minors_check: Generated<boolean>;
  photo_url: string | null;
  verified_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
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
}

export type Provider = Selectable<ProvidersTable>;
export type NewProvider = Insertable<ProvidersTable>;
export type ProviderUpdate = Updateable<ProvidersTable>;
export type Quartiere = Selectable<QuartieriTable>;
export type Municipio = Selectable<MunicipiTable>;
export type ServiceCategory = Selectable<ServiceCategoriesTable>;
export type AvailabilitySlot = Selectable<AvailabilitySlotsTable>;
