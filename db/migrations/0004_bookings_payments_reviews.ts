import { sql, type Kysely } from "kysely";

/**
 * Requests and bookings with their recorded transitions, one message thread per request, Stripe
 * payments and webhook events, municipal vouchers with a ledger that cannot go negative, reviews,
 * and the audit log of operator actions.
 *
 * A booking's time is one weekly pattern over a date range (a one-off is a range of one day):
 * weekdays (ISO 1–7) × [start_minute, end_minute) local Milan time, from first_date to last_date.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table bookings (
      id uuid primary key default gen_random_uuid(),
      provider_id uuid not null references providers(id) on delete restrict,
      family_user_id uuid not null references users(id) on delete restrict,
      category_id integer not null references service_categories(id),
      kind text not null check (kind in ('one_off', 'recurring')),
      status text not null default 'requested' check (status in (
        'requested', 'counter_offered', 'accepted', 'declined', 'confirmed', 'in_progress',
        'completed', 'reviewed', 'cancelled', 'no_show', 'expired')),
      weekdays smallint[] not null check (cardinality(weekdays) between 1 and 7 and weekdays <@ array[1,2,3,4,5,6,7]::smallint[]),
      start_minute smallint not null check (start_minute between 0 and 1439),
      end_minute smallint not null check (end_minute between 1 and 1440 and end_minute > start_minute),
      first_date date not null,
      last_date date not null check (last_date >= first_date),
      address text not null,
      care_notes text not null default '',
      contact_phone text,
      hourly_price_cents integer not null check (hourly_price_cents >= 0),
      total_cents integer not null check (total_cents >= 0),
      currency text not null default 'EUR',
      payment_mode text check (payment_mode in ('online', 'direct')),
      cancellation_policy text not null default 'standard',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index bookings_provider_active_idx on bookings (provider_id, first_date, last_date)
    where status in ('accepted', 'confirmed', 'in_progress')`.execute(db);
  await sql`create index bookings_family_idx on bookings (family_user_id, created_at desc)`.execute(db);
  await sql`create index bookings_provider_idx on bookings (provider_id, created_at desc)`.execute(db);

  /** A counter-offer proposes new terms; the family accepts or declines the latest open one. */
  await sql`
    create table booking_counter_offers (
      id uuid primary key default gen_random_uuid(),
      booking_id uuid not null references bookings(id) on delete cascade,
      weekdays smallint[] not null,
      start_minute smallint not null check (start_minute between 0 and 1439),
      end_minute smallint not null check (end_minute between 1 and 1440 and end_minute > start_minute),
      first_date date not null,
      last_date date not null check (last_date >= first_date),
      hourly_price_cents integer not null check (hourly_price_cents >= 0),
      note text not null default '',
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      resolved_at timestamptz,
      resolution text check (resolution in ('accepted', 'declined', 'superseded', 'withdrawn'))
    )`.execute(db);
  await sql`create index booking_counter_offers_open_idx on booking_counter_offers (booking_id) where resolved_at is null`.execute(db);

  await sql`
    create table booking_transitions (
      id bigserial primary key,
      booking_id uuid not null references bookings(id) on delete cascade,
      from_status text,
      to_status text not null,
      action text not null,
      actor_role text not null check (actor_role in ('family', 'provider', 'operator', 'system')),
      actor_user_id uuid references users(id) on delete set null,
      note text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index booking_transitions_booking_idx on booking_transitions (booking_id, id)`.execute(db);

  await sql`
    create table message_threads (
      id uuid primary key default gen_random_uuid(),
      booking_id uuid not null unique references bookings(id) on delete cascade,
      reported_at timestamptz,
      reported_by uuid references users(id) on delete set null,
      report_reason text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table messages (
      id bigserial primary key,
      thread_id uuid not null references message_threads(id) on delete cascade,
      sender_user_id uuid references users(id) on delete set null,
      body text not null check (length(body) between 1 and 4000),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index messages_thread_idx on messages (thread_id, id)`.execute(db);
  await sql`
    create table thread_reads (
      thread_id uuid not null references message_threads(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      last_read_message_id bigint not null default 0,
      primary key (thread_id, user_id)
    )`.execute(db);

  /** A provider's Stripe Connect Express account. */
  await sql`
    create table provider_payout_accounts (
      provider_id uuid primary key references providers(id) on delete cascade,
      stripe_account_id text not null unique,
      charges_enabled boolean not null default false,
      payouts_enabled boolean not null default false,
      details_submitted boolean not null default false,
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table vouchers (
      id uuid primary key default gen_random_uuid(),
      family_user_id uuid not null references users(id) on delete cascade,
      programme text not null,
      budget_cents integer not null check (budget_cents > 0),
      balance_cents integer not null check (balance_cents >= 0 and balance_cents <= budget_cents),
      category_ids integer[] not null default '{}',
      expires_on date not null,
      granted_by uuid references users(id) on delete set null,
      quartiere_id smallint references quartieri(id),
      created_at timestamptz not null default now(),
      revoked_at timestamptz
    )`.execute(db);
  await sql`create index vouchers_family_idx on vouchers (family_user_id)`.execute(db);

  /** One payment per payer per booking attempt: a group booking has one per family. */
  await sql`
    create table payments (
      id uuid primary key default gen_random_uuid(),
      booking_id uuid not null references bookings(id) on delete restrict,
      payer_user_id uuid not null references users(id) on delete restrict,
      amount_cents integer not null check (amount_cents >= 0),
      voucher_cents integer not null default 0 check (voucher_cents >= 0),
      stripe_cents integer not null default 0 check (stripe_cents >= 0),
      platform_fee_cents integer not null default 0 check (platform_fee_cents >= 0),
      refunded_cents integer not null default 0 check (refunded_cents >= 0),
      currency text not null default 'EUR',
      status text not null check (status in ('pending', 'paid', 'failed', 'expired', 'refunded', 'partially_refunded')),
      stripe_checkout_session_id text unique,
      stripe_payment_intent_id text unique,
      failure_code text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (amount_cents = voucher_cents + stripe_cents),
      check (refunded_cents <= amount_cents)
    )`.execute(db);
  await sql`create index payments_booking_idx on payments (booking_id)`.execute(db);
  await sql`create unique index payments_one_open_per_payer on payments (booking_id, payer_user_id) where status in ('pending', 'paid')`.execute(db);

  /** Every voucher movement: negative spends, positive releases and refunds. */
  await sql`
    create table voucher_ledger (
      id bigserial primary key,
      voucher_id uuid not null references vouchers(id) on delete cascade,
      payment_id uuid references payments(id) on delete set null,
      amount_cents integer not null check (amount_cents <> 0),
      reason text not null check (reason in ('spend', 'release', 'refund')),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index voucher_ledger_voucher_idx on voucher_ledger (voucher_id)`.execute(db);

  /** Webhook events are recorded (by Stripe's event id) before anything is done with them. */
  await sql`
    create table stripe_events (
      id text primary key,
      type text not null,
      payload jsonb not null,
      stripe_created_at timestamptz not null,
      received_at timestamptz not null default now(),
      processed_at timestamptz,
      outcome text
    )`.execute(db);

  await sql`
    create table reviews (
      id uuid primary key default gen_random_uuid(),
      booking_id uuid not null unique references bookings(id) on delete cascade,
      provider_id uuid not null references providers(id) on delete cascade,
      author_user_id uuid references users(id) on delete set null,
      rating_reliability smallint not null check (rating_reliability between 1 and 5),
      rating_care smallint not null check (rating_care between 1 and 5),
      rating_communication smallint not null check (rating_communication between 1 and 5),
      body text not null default '',
      reply_body text,
      replied_at timestamptz,
      hidden_at timestamptz,
      hidden_by uuid references users(id) on delete set null,
      hidden_reason text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index reviews_provider_idx on reviews (provider_id, created_at desc)`.execute(db);
  // Ratings are part of the search document: a new, hidden or shown review re-indexes its provider.
  await sql`
    create function enqueue_review_provider() returns trigger language plpgsql as $$
    begin
      insert into search_outbox (provider_id) values (coalesce(new.provider_id, old.provider_id));
      return null;
    end $$`.execute(db);
  await sql`create trigger reviews_search_outbox after insert or update of hidden_at or delete on reviews
    for each row execute function enqueue_review_provider()`.execute(db);

  await sql`
    create table audit_log (
      id bigserial primary key,
      actor_user_id uuid references users(id) on delete set null,
      action text not null,
      subject_type text not null,
      subject_id text not null,
      details jsonb not null default '{}',
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index audit_log_subject_idx on audit_log (subject_type, subject_id, id)`.execute(db);
  await sql`create index audit_log_actor_idx on audit_log (actor_user_id, id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Migrations are append-only: write a new migration instead of rolling back.");
}
