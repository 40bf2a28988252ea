import { sql, type Kysely } from "kysely";

/**
 * Shared services (issue 5): families' needs, condominiums and their notice boards, groups the
 * aggregation engine proposes (members, offers from providers, recorded transitions), the
 * territorial hubs with their events; and, for the community dashboard (issue 6), searches that
 * found too little, recorded without any personal data.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table condominiums (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      address text not null,
      quartiere_id smallint not null references quartieri(id),
      lat float8 not null,
      lng float8 not null,
      units integer not null check (units between 2 and 2000),
      invite_code text not null unique,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table condominium_members (
      condominium_id uuid not null references condominiums(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      member_role text not null default 'resident' check (member_role in ('administrator', 'resident')),
      unit_label text,
      shares_needs boolean not null default false,
      joined_at timestamptz not null default now(),
      primary key (condominium_id, user_id)
    )`.execute(db);
  await sql`create index condominium_members_user_idx on condominium_members (user_id)`.execute(db);
  await sql`
    create table condominium_posts (
      id bigserial primary key,
      condominium_id uuid not null references condominiums(id) on delete cascade,
      author_user_id uuid references users(id) on delete set null,
      body text not null check (length(body) between 1 and 2000),
      created_at timestamptz not null default now(),
      hidden_at timestamptz
    )`.execute(db);
  await sql`create index condominium_posts_idx on condominium_posts (condominium_id, id desc)`.execute(db);

  await sql`
    create table needs (
      id uuid primary key default gen_random_uuid(),
      family_user_id uuid references users(id) on delete cascade,
      created_by_user_id uuid references users(id) on delete set null,
      on_behalf_of text,
      category_id integer not null references service_categories(id),
      windows jsonb not null,
      address text not null,
      quartiere_id smallint not null references quartieri(id),
      lat float8 not null,
      lng float8 not null,
      condominium_id uuid references condominiums(id) on delete set null,
      details text not null default '',
      children_ages smallint[] not null default '{}',
      persons smallint not null default 1 check (persons between 1 and 12),
      budget_cents_per_hour integer check (budget_cents_per_hour >= 0),
      open_to_sharing boolean not null default true,
      max_walk_m integer not null default 500 check (max_walk_m between 0 and 5000),
      status text not null default 'open' check (status in ('open', 'grouped', 'fulfilled', 'withdrawn')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (family_user_id is not null or on_behalf_of is not null)
    )`.execute(db);
  await sql`create index needs_open_idx on needs (category_id, quartiere_id) where status = 'open'`.execute(db);
  await sql`create index needs_family_idx on needs (family_user_id)`.execute(db);
  await sql`create index needs_quartiere_created_idx on needs (quartiere_id, created_at)`.execute(db);

  await sql`
    create table shared_groups (
      id uuid primary key default gen_random_uuid(),
      proposal_key text not null unique,
      category_id integer not null references service_categories(id),
      status text not null default 'proposed' check (status in ('proposed', 'formed', 'booked', 'active', 'dissolved')),
      quartiere_id smallint not null references quartieri(id),
      condominium_id uuid references condominiums(id) on delete set null,
      meeting_lat float8 not null,
      meeting_lng float8 not null,
      shared_windows jsonb not null,
      weekly_minutes integer not null check (weekly_minutes > 0),
      hourly_total_cents integer not null check (hourly_total_cents >= 0),
      individual_hourly_cents integer not null check (individual_hourly_cents >= 0),
      min_size smallint not null default 2,
      provider_id uuid references providers(id) on delete set null,
      booking_id uuid references bookings(id) on delete set null,
      created_by_user_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      formed_at timestamptz,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index shared_groups_quartiere_idx on shared_groups (quartiere_id, status)`.execute(db);
  await sql`
    create table shared_group_members (
      group_id uuid not null references shared_groups(id) on delete cascade,
      need_id uuid not null references needs(id) on delete cascade,
      family_user_id uuid references users(id) on delete set null,
      status text not null default 'invited' check (status in ('invited', 'accepted', 'declined', 'left')),
      persons smallint not null default 1,
      share_hourly_cents integer not null check (share_hourly_cents >= 0),
      responded_at timestamptz,
      leaves_on date,
      primary key (group_id, need_id)
    )`.execute(db);
  await sql`create index shared_group_members_family_idx on shared_group_members (family_user_id)`.execute(db);
  // A need belongs to at most one live group at a time.
  await sql`create unique index shared_group_members_one_live_group on shared_group_members (need_id)
    where status in ('invited', 'accepted')`.execute(db);
  await sql`
    create table shared_group_transitions (
      id bigserial primary key,
      group_id uuid not null references shared_groups(id) on delete cascade,
      from_status text,
      to_status text not null,
      action text not null,
      actor_user_id uuid references users(id) on delete set null,
      note text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table shared_group_offers (
      id uuid primary key default gen_random_uuid(),
      group_id uuid not null references shared_groups(id) on delete cascade,
      provider_id uuid not null references providers(id) on delete cascade,
      hourly_total_cents integer not null check (hourly_total_cents > 0),
      message text not null default '',
      status text not null default 'open' check (status in ('open', 'chosen', 'withdrawn', 'not_chosen')),
      offered_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      unique (group_id, provider_id)
    )`.execute(db);
  // A group's booking: every member pays their own share (payments.payer_user_id).
  await sql`alter table bookings add column shared_group_id uuid references shared_groups(id) on delete set null`.execute(db);
  // Where the service happens, for the quartiere dashboards (the address itself stays private).
  await sql`alter table bookings add column quartiere_id smallint references quartieri(id)`.execute(db);
  await sql`create index bookings_quartiere_idx on bookings (quartiere_id, created_at)`.execute(db);

  await sql`
    create table hubs (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      address text not null,
      lat float8 not null,
      lng float8 not null,
      opening_hours jsonb not null default '[]',
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table hub_quartieri (
      hub_id uuid not null references hubs(id) on delete cascade,
      quartiere_id smallint not null references quartieri(id),
      primary key (hub_id, quartiere_id)
    )`.execute(db);
  await sql`
    create table hub_events (
      id uuid primary key default gen_random_uuid(),
      hub_id uuid not null references hubs(id) on delete cascade,
      title text not null,
      description text not null default '',
      starts_at timestamptz not null,
      ends_at timestamptz not null check (ends_at > starts_at),
      capacity integer not null check (capacity between 1 and 10000),
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index hub_events_upcoming_idx on hub_events (hub_id, starts_at)`.execute(db);
  await sql`
    create table hub_event_signups (
      event_id uuid not null references hub_events(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (event_id, user_id)
    )`.execute(db);

  await sql`
    create table search_demand_events (
      id bigserial primary key,
      category_id integer references service_categories(id),
      quartiere_id smallint references quartieri(id),
      language text not null,
      result_count integer not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index search_demand_events_idx on search_demand_events (created_at, quartiere_id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only: write a new migration instead of rolling back.");
}
