import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";

/**
 * The aggregation run is a graphile-worker job (`aggregate_needs`, see run-aggregation.server.ts).
 * Every change to needs or groups asks for a run in its own transaction; the fixed job key
 * coalesces a burst of changes into one run a few seconds later ("preserve_run_at": more changes
 * do not keep pushing it back). A change made while a run is under way schedules the next one.
 * The "sharing" queue runs one job at a time, so two runs never overlap. A nightly run (crontab
 * in server/jobs.ts) catches anything missed and expires old invitations.
 */
export const AGGREGATE_NEEDS_TASK = "aggregate_needs";
export const AGGREGATION_QUEUE = "sharing";
export const AGGREGATION_DELAY_SECONDS = 5;

/** Nightly at 02:20 (Milan time is the server's cron time), one run, coalesced with pending ones. */
export const aggregateNeedsCrontab = `20 2 * * * ${AGGREGATE_NEEDS_TASK} ?max=1&jobKey=${AGGREGATE_NEEDS_TASK}&queue=${AGGREGATION_QUEUE}`;

export async function enqueueAggregation(db: Kysely<Database>, options: { delaySeconds?: number } = {}): Promise<void> {
  const delay = options.delaySeconds ?? AGGREGATION_DELAY_SECONDS;
  await sql`select graphile_worker.add_job(
    ${AGGREGATE_NEEDS_TASK},
    '{}'::json,
    queue_name => ${AGGREGATION_QUEUE},
    run_at => now() + make_interval(secs => ${delay}),
    max_attempts => 5,
    job_key => ${AGGREGATE_NEEDS_TASK},
    job_key_mode => 'preserve_run_at'
  )`.execute(db);
}
