import { runOnce } from "graphile-worker";
import { sql } from "kysely";
import type { DB } from "../../db/client";
import type { PaymentsConfig } from "../../app/domain/payments/stripe-client.server";
import { createTaskList, workerLogger } from "../../server/jobs";
import { testMailSettings } from "./jobs";

/** Runs every queued job now with the real task list, card refunds going to the given Stripe (the stub). */
export async function runJobsWithStripe(ctx: { db: DB; databaseUrl: string }, payments: PaymentsConfig): Promise<void> {
  await runOnce({
    connectionString: ctx.databaseUrl,
    taskList: createTaskList({ db: ctx.db, mail: testMailSettings(), payments: () => payments }),
    logger: workerLogger(),
    noHandleSignals: true,
  });
}

/** Jobs still waiting (or failed and rescheduled), with their last error. */
export async function waitingJobs(db: DB, task?: string): Promise<Array<{ task: string; attempts: number; lastError: string | null; payload: unknown }>> {
  const { rows } = await sql<{ task_identifier: string; attempts: number; last_error: string | null; payload: unknown }>`
    select t.identifier as task_identifier, j.attempts, j.last_error, j.payload
    from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id order by j.id`.execute(db);
  return rows.filter((r) => !task || r.task_identifier === task).map((r) => ({ task: r.task_identifier, attempts: r.attempts, lastError: r.last_error, payload: r.payload }));
}
