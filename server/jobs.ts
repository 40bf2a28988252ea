import { Logger as WorkerLogger, run, runMigrations, type Runner, type Task, type TaskList } from "graphile-worker";
import { emailJobPayloadSchema, SEND_EMAIL_TASK } from "../app/domain/accounts/email-queue.server.js";
import { renderEmail } from "../app/domain/accounts/email-render.server.js";
import { createMailer, type Mailer } from "../app/domain/accounts/mailer.server.js";
import { pruneAccountRecords } from "../app/domain/accounts/maintenance.server.js";
import { DOCUMENT_EXPIRY_TASK, documentExpiryCrontab, documentExpiryTask } from "../app/domain/verification/document-expiry.server.js";
import { BOOKING_EXPIRY_TASK, bookingExpiryCrontab, bookingExpiryTask } from "../app/domain/bookings/expire-bookings.server.js";
import { STRIPE_REFUND_TASK } from "../app/domain/payments/refund-queue.server.js";
import { stripeRefundTask } from "../app/domain/payments/refunds.server.js";
import { IMPACT_FACTS_TASK, impactFactsCrontab, impactFactsTask } from "../app/domain/impact/booking-facts.server.js";
import { paymentsConfig, type PaymentsConfig } from "../app/domain/payments/stripe-client.server.js";
import { AGGREGATE_NEEDS_TASK, aggregateNeedsCrontab } from "../app/domain/sharing/aggregation-queue.server.js";
import { aggregateNeedsTask } from "../app/domain/sharing/run-aggregation.server.js";
import type { DB } from "../db/client.js";
import type { Env } from "../app/utils/env.server.js";
import type { Logger } from "./logger.js";
import { createWorkerLiveness, startDeadWorkerRecovery } from "./worker-recovery.js";

/**
 * Background jobs (graphile-worker on the application's PostgreSQL). Jobs are added inside the
 * transaction of the change that needs them (e.g. enqueueEmail) and run here with retries.
 * To add a task: write it as a function of its dependencies and list it in createTaskList.
 */

export interface MailSettings {
  smtpUrl: string;
  from: string;
  /** Base address for links in e-mails (PUBLIC_URL). */
  siteUrl: string;
}

export interface JobDeps {
  db: DB;
  mail: MailSettings;
  logger?: Logger;
  /** Stripe settings for card refunds; unset: from the environment (STRIPE_*). */
  payments?: () => PaymentsConfig | null;
}

/** Renders a queued e-mail in the recipient's language and hands it to the SMTP server. */
export function sendEmailTask(mail: MailSettings, mailer: Mailer = createMailer(mail)): Task {
  return async (rawPayload, helpers) => {
    const payload = emailJobPayloadSchema.parse(rawPayload);
    const message = await renderEmail(payload, { siteUrl: mail.siteUrl });
    await mailer.send(message);
    helpers.logger.info("e-mail sent", { template: `${payload.template.ns}:${payload.template.key}` });
  };
}

/** The task registry: every job identifier the worker knows. */
export function createTaskList(deps: JobDeps): TaskList {
  return {
    [SEND_EMAIL_TASK]: sendEmailTask(deps.mail),
    prune_account_records: async (_payload, helpers) => {
      const removed = await pruneAccountRecords(deps.db);
      helpers.logger.info("pruned account records", removed);
    },
    [DOCUMENT_EXPIRY_TASK]: documentExpiryTask(deps.db),
    [BOOKING_EXPIRY_TASK]: bookingExpiryTask(deps.db),
    [STRIPE_REFUND_TASK]: stripeRefundTask(deps.db, deps.payments ?? paymentsConfig),
    [IMPACT_FACTS_TASK]: impactFactsTask(deps.db),
    [AGGREGATE_NEEDS_TASK]: aggregateNeedsTask(deps.db),
  };
}

/** Recurring jobs (graphile-worker crontab syntax: minute hour day month weekday task). */
export const crontab = ["30 3 * * * prune_account_records", documentExpiryCrontab, bookingExpiryCrontab, aggregateNeedsCrontab, impactFactsCrontab].join("\n");

/** The address links in e-mails point to: PUBLIC_URL, or this server as started locally. */
export function siteUrlFrom(env: Pick<Env, "PUBLIC_URL" | "HOST" | "PORT">): string {
  if (env.PUBLIC_URL) return env.PUBLIC_URL.replace(/\/+$/, "");
  const host = ["0.0.0.0", "::", ""].includes(env.HOST) ? "localhost" : env.HOST;
  return `http://${host}:${env.PORT}`;
}

export function mailSettingsFrom(env: Pick<Env, "PUBLIC_URL" | "HOST" | "PORT" | "MAIL_FROM">, smtpUrl: string): MailSettings {
  return { smtpUrl, from: env.MAIL_FROM, siteUrl: siteUrlFrom(env) };
}

/** graphile-worker's log lines through our JSON logger (or nowhere). */
export function workerLogger(logger?: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    if (!logger) return;
    const data = { ...scope, ...meta, component: "graphile-worker" };
    if (level === "error") logger.error(message, data);
    else if (level === "warning") logger.warn(message, data);
    else if (level === "info") logger.debug(message, data); // its "info" lines are chatty
    else logger.debug(message, data);
  });
}

/** Creates or updates graphile-worker's own schema (graphile_worker); safe to run concurrently. */
export async function migrateJobQueue(connectionString: string, logger?: Logger): Promise<void> {
  await runMigrations({ connectionString, logger: workerLogger(logger) });
}

/**
 * Starts processing jobs until stop(). Each worker holds a liveness lock while it runs, and this
 * runner releases the jobs of workers that died without releasing them (a SIGKILLed process)
 * after `recovery.graceMs` instead of graphile-worker's 4 hours (server/worker-recovery.ts).
 */
export async function startJobRunner(options: {
  connectionString: string;
  deps: JobDeps;
  concurrency?: number;
  pollInterval?: number;
  /** Dead-worker recovery timing (defaults: 30 s grace, a sweep every 10 s). */
  recovery?: { graceMs?: number; intervalMs?: number };
}): Promise<Runner> {
  const liveness = createWorkerLiveness({ connectionString: options.connectionString, logger: options.deps.logger });
  let runner: Runner;
  try {
    runner = await run({
      connectionString: options.connectionString,
      concurrency: options.concurrency ?? 2,
      maxPoolSize: (options.concurrency ?? 2) + 2,
      taskList: createTaskList(options.deps),
      crontab,
      noHandleSignals: true,
      pollInterval: options.pollInterval ?? 1000,
      logger: workerLogger(options.deps.logger),
      preset: { plugins: [liveness.plugin] },
    });
  } catch (error) {
    await liveness.close();
    throw error;
  }
  const recovery = startDeadWorkerRecovery({ db: options.deps.db, logger: options.deps.logger, ...options.recovery });
  const stopRunner = runner.stop;
  return {
    ...runner,
    async stop() {
      await recovery.stop();
      await stopRunner();
      await liveness.close();
    },
  };
}
