/**
 * PostgreSQL advisory lock key shared by the outbox drain and the full reindex: only one of
 * them writes to the provider index at a time, so documents are never applied out of order and
 * no change slips between a reindex snapshot and the swap.
 */
export const SEARCH_SYNC_LOCK_KEY = 7_301_001;
