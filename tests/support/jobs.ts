import { runOnce } from "graphile-worker";
import { sql } from "kysely";
import { inject } from "vitest";
import type { DB } from "../../db/client";
import { createTaskList, workerLogger, type MailSettings } from "../../server/jobs";

/** Where links in e-mails sent by tests point. */
export const TEST_SITE_URL = "http://vicinato.test";

export function testMailSettings(): MailSettings {
  return { smtpUrl: inject("smtpUrl"), from: "Vicinato <noreply@vicinato.test>", siteUrl: TEST_SITE_URL };
}

/** Runs every queued job now (what the worker does in the background), with the real task list. */
export async function runQueuedJobs(ctx: { db: DB; databaseUrl: string }): Promise<void> {
  await runOnce({
    connectionString: ctx.databaseUrl,
    taskList: createTaskList({ db: ctx.db, mail: testMailSettings() }),
    logger: workerLogger(),
    noHandleSignals: true,
  });
  // A failed job is rescheduled, not thrown: make it fail the test instead.
  const { rows } = await sql<{ task_identifier: string; last_error: string }>`
    select task_identifier, last_error from graphile_worker.jobs where last_error is not null`.execute(ctx.db);
  if (rows.length > 0) throw new Error(`jobs failed: ${rows.map((r) => `${r.task_identifier}: ${r.last_error}`).join("; ")}`);
}

/** Jobs waiting in the queue, by task (e.g. to check that an e-mail was queued, not sent). */
export async function queuedJobs(db: DB): Promise<Array<{ task: string; attempts: number }>> {
  const { rows } = await sql<{ task_identifier: string; attempts: number }>`
    select task_identifier, attempts from graphile_worker.jobs order by id`.execute(db);
  return rows.map((r) => ({ task: r.task_identifier, attempts: r.attempts }));
}
