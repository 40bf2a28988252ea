import { sql, type Kysely } from "kysely";

/**
 * Community dashboard and impact measurement (issue 6): the third-sector network directory
 * (associations, parishes, cooperatives serving some quartieri), needs an operator routed to one
 * of them, and the indexes the dashboard's period queries use (see
 * docs/decisions/0008-dashboard-charts.md for the measurements behind them).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table network_organisations (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 2 and 200),
      kind text not null check (kind in ('association', 'parish', 'cooperative', 'other')),
      description text not null default '' check (length(description) <= 4000),
      -- What it offers: service categories, and in its own words.
      offer_category_ids integer[] not null default '{}',
      offers text not null default '' check (length(offers) <= 2000),
      -- Public contact of the organisation (phone, e-mail, address, opening hours), never a person's.
      contact text not null default '' check (length(contact) <= 500),
      created_by uuid references users(id) on delete set null,
      updated_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index network_organisations_categories_idx on network_organisations using gin (offer_category_ids)`.execute(db);
  await sql`
    create table network_organisation_quartieri (
      organisation_id uuid not null references network_organisations(id) on delete cascade,
      quartiere_id smallint not null references quartieri(id),
      primary key (organisation_id, quartiere_id)
    )`.execute(db);
  await sql`create index network_organisation_quartieri_quartiere_idx on network_organisation_quartieri (quartiere_id)`.execute(db);

  /** An open need an operator routed to an organisation of the network (the need stays open). */
  await sql`
    create table need_referrals (
      id bigserial primary key,
      need_id uuid not null references needs(id) on delete cascade,
      organisation_id uuid not null references network_organisations(id) on delete cascade,
      operator_user_id uuid references users(id) on delete set null,
      note text not null default '' check (length(note) <= 1000),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index need_referrals_need_idx on need_referrals (need_id, id)`.execute(db);
  await sql`create index need_referrals_organisation_idx on need_referrals (organisation_id)`.execute(db);

  // The dashboard's period queries, each a range scan within the area (measurements behind
  // these choices: docs/decisions/0008-dashboard-charts.md).
  // Open needs posted in the period: in a few quartieri, and the newest of the whole city.
  await sql`create index needs_open_created_idx on needs (quartiere_id, created_at) include (category_id) where status = 'open'`.execute(db);
  await sql`create index needs_open_newest_idx on needs (created_at) include (quartiere_id, category_id) where status = 'open'`.execute(db);
  // Unmet searches by area and period.
  await sql`create index search_demand_events_quartiere_idx on search_demand_events (quartiere_id, created_at)
    include (category_id, result_count)`.execute(db);
  // Shared services formed in the period.
  await sql`create index shared_groups_formed_idx on shared_groups (formed_at) where formed_at is not null`.execute(db);
  // Voucher money in the period.
  await sql`create index voucher_ledger_created_idx on voucher_ledger (created_at)`.execute(db);
  // Providers newly verified in the period.
  await sql`create index provider_status_transitions_verified_idx on provider_status_transitions (created_at)
    where to_status = 'verified'`.execute(db);

  /**
   * One row per booking with the moments the dashboard measures (requested, first answer of the
   * provider, completed) and the provider's home quartiere, so that no dashboard query joins the
   * transitions: city-wide, that join took seconds on a year of 100,000 families. Refreshed by the
   * worker every few minutes (app/domain/impact/booking-facts.server.ts); its time is recorded in
   * impact_refreshes and shown on the page.
   */
  await sql`
    create materialized view impact_booking_facts as
    select b.id as booking_id, b.quartiere_id, b.category_id, b.family_user_id, b.provider_id,
           p.quartiere_id as provider_quartiere_id, b.status, b.created_at, b.first_date, b.last_date,
           t.requested_at, t.answered_at,
           extract(epoch from (t.answered_at - t.requested_at))::float8 as response_seconds,
           t.completed_at
    from bookings b
    join providers p on p.id = b.provider_id
    left join (
      select booking_id,
             min(created_at) filter (where action = 'request') as requested_at,
             min(created_at) filter (where action in ('accept', 'decline', 'counterOffer')) as answered_at,
             min(created_at) filter (where to_status = 'completed') as completed_at
      from booking_transitions group by booking_id
    ) t on t.booking_id = b.id`.execute(db);
  // The unique index lets the worker refresh it concurrently (readers never wait).
  await sql`create unique index impact_booking_facts_pk on impact_booking_facts (booking_id)`.execute(db);
  await sql`create index impact_booking_facts_created_idx on impact_booking_facts (quartiere_id, created_at)
    include (category_id, status, response_seconds)`.execute(db);
  await sql`create index impact_booking_facts_completed_idx on impact_booking_facts (quartiere_id, completed_at)
    include (family_user_id, provider_id, provider_quartiere_id) where completed_at is not null`.execute(db);
  await sql`create index impact_booking_facts_served_idx on impact_booking_facts (quartiere_id, first_date)
    include (last_date, family_user_id) where status in ('confirmed', 'in_progress', 'completed', 'reviewed')`.execute(db);
  await sql`
    create table impact_refreshes (
      view_name text primary key,
      refreshed_at timestamptz not null
    )`.execute(db);
  await sql`insert into impact_refreshes (view_name, refreshed_at) values ('impact_booking_facts', now())`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only: write a new migration instead of rolling back.");
}
