import { sql, type Kysely } from "kysely";
import type { Task } from "graphile-worker";
import type { Database, DocumentType } from "../../../db/schema";
import { formatDate } from "../../i18n/format";
import { changeProviderStatus } from "./change-provider-status.server";
import { documentTypeLabel, enqueueVerificationEmail, notifyProvider, type VerificationNotifier } from "./notifications.server";
import { addDays, daysBetween, documentProblems, romeDate } from "./verification-rules";

/** Who the status history names for changes made by this job. */
export const DOCUMENT_EXPIRY_ACTOR = "system:document-expiry";

/** The reason recorded when a document expires: `document_expired:<type>:<YYYY-MM-DD>` (translated on display). */
export const expiredReason = (docType: DocumentType, expiresOn: string) => `document_expired:${docType}:${expiresOn}`;

export function parseExpiredReason(reason: string | null): { docType: DocumentType; expiresOn: string } | null {
  const match = /^document_expired:([a-z_]+):(\d{4}-\d{2}-\d{2})$/.exec(reason ?? "");
  return match ? { docType: match[1] as DocumentType, expiresOn: match[2]! } : null;
}

export interface DocumentExpiryOutcome {
  reminders30: number;
  reminders7: number;
  /** Providers moved from verified to expired. */
  expired: string[];
  /** Providers whose "checked for work with minors" badge was withdrawn. */
  minorsBadgeRemoved: string[];
}

/** Statuses in which a provider still cares about its documents being renewed. */
const remindedStatuses = ["pending", "changes_requested", "verified", "suspended"] as const;

/**
 * The daily document check, safe to run any number of times a day:
 * 1. reminds the provider 30 and 7 days before a current document expires (each reminder once,
 *    recorded in reminded_30_at / reminded_7_at; a document first seen within 7 days gets only
 *    the 7-day one);
 * 2. moves a verified provider whose required document has expired (valid through its date) to
 *    "expired" through the state machine, so it leaves search through the outbox, and tells them;
 * 3. withdraws the "checked for work with minors" badge when that certificate has expired.
 * Each document and provider is handled in its own transaction (locked, skipping rows another
 * run holds), so one failure does not undo the others and two runs never send twice.
 */
export async function runDocumentExpiryCheck(
  db: Kysely<Database>,
  options: { now: Date; notify?: VerificationNotifier },
): Promise<DocumentExpiryOutcome> {
  const notify = options.notify ?? enqueueVerificationEmail;
  const now = options.now;
  const today = romeDate(now);
  const outcome: DocumentExpiryOutcome = { reminders30: 0, reminders7: 0, expired: [], minorsBadgeRemoved: [] };

  // 1. Reminders.
  const due = await dueReminders(db, today).select("d.id").execute();
  for (const { id } of due) {
    await db.transaction().execute(async (trx) => {
      const doc = await dueReminders(trx, today)
        .select(["d.id", "d.provider_id", "d.doc_type", sql<string>`d.expires_on::text`.as("expires_on"), "d.reminded_30_at", "d.reminded_7_at"])
        .where("d.id", "=", id)
        .forUpdate("d")
        .skipLocked()
        .executeTakeFirst();
      if (!doc) return;
      const daysLeft = daysBetween(today, doc.expires_on);
      const which = daysLeft <= 7 ? "reminder7" : "reminder30";
      await notifyProvider(trx, notify, doc.provider_id, which, (recipient) => ({
        documentType: documentTypeLabel(doc.doc_type, recipient.locale),
        expiresOn: formatDate(doc.expires_on, recipient.locale),
        days: String(daysLeft),
      }));
      await trx
        .updateTable("provider_documents")
        .set(which === "reminder7" ? { reminded_7_at: now, reminded_30_at: doc.reminded_30_at ?? now } : { reminded_30_at: now })
        .where("id", "=", doc.id)
        .execute();
      if (which === "reminder7") outcome.reminders7 += 1;
      else outcome.reminders30 += 1;
    });
  }

  // 2. Expiry of verified providers.
  const candidates = await db
    .selectFrom("providers as p")
    .select("p.id")
    .where("p.status", "=", "verified")
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("provider_documents as d")
          .select(sql`1`.as("one"))
          .whereRef("d.provider_id", "=", "p.id")
          .where("d.replaced_at", "is", null)
          .where(sql<boolean>`d.expires_on < ${today}::date`),
      ),
    )
    .execute();
  for (const { id } of candidates) {
    await db.transaction().execute(async (trx) => {
      const provider = await trx
        .selectFrom("providers")
        .select(["id", "kind", "status"])
        .where("id", "=", id)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!provider || provider.status !== "verified") return;
      const [services, documents] = await Promise.all([
        trx
          .selectFrom("provider_services as s")
          .innerJoin("service_categories as c", "c.id", "s.category_id")
          .select("c.slug")
          .where("s.provider_id", "=", id)
          .execute(),
        trx
          .selectFrom("provider_documents")
          .select(["doc_type", sql<string | null>`expires_on::text`.as("expires_on"), "replaced_at"])
          .where("provider_id", "=", id)
          .execute(),
      ]);
      const held = documents.map((d) => ({ docType: d.doc_type, expiresOn: d.expires_on, replaced: d.replaced_at !== null }));
      // Only an expired document counts here: a provider verified before documents were kept
      // online (no document at all) is for an operator to look at, not for this job.
      const expired = documentProblems({ kind: provider.kind, categorySlugs: services.map((s) => s.slug) }, held, today).find(
        (p) => p.problem === "expired",
      );
      if (!expired) return;
      const expiresOn =
        held
          .filter((d) => d.docType === expired.docType && !d.replaced && d.expiresOn !== null)
          .map((d) => d.expiresOn!)
          .sort()
          .at(-1) ?? today;
      await changeProviderStatus(trx, {
        providerId: id,
        action: "expire",
        actor: DOCUMENT_EXPIRY_ACTOR,
        reason: expiredReason(expired.docType, expiresOn),
      });
      await notifyProvider(trx, notify, id, "expired", (recipient) => ({
        documentType: documentTypeLabel(expired.docType, recipient.locale),
        expiresOn: formatDate(expiresOn, recipient.locale),
      }));
      outcome.expired.push(id);
    });
  }

  // 3. The minors badge follows the certificate.
  const withdrawn = await db
    .updateTable("providers as p")
    .set({ minors_check: false, updated_at: now })
    .where("p.minors_check", "=", true)
    .where(({ exists, not, selectFrom }) =>
      exists(
        selectFrom("provider_documents as d")
          .select(sql`1`.as("one"))
          .whereRef("d.provider_id", "=", "p.id")
          .where("d.doc_type", "=", "criminal_record_minors")
          .where("d.replaced_at", "is", null),
      ).and(
        not(
          exists(
            selectFrom("provider_documents as d")
              .select(sql`1`.as("one"))
              .whereRef("d.provider_id", "=", "p.id")
              .where("d.doc_type", "=", "criminal_record_minors")
              .where("d.replaced_at", "is", null)
              .where(sql<boolean>`(d.expires_on is null or d.expires_on >= ${today}::date)`),
          ),
        ),
      ),
    )
    .returning("p.id")
    .execute();
  outcome.minorsBadgeRemoved = withdrawn.map((r) => r.id);
  return outcome;
}

/** Current documents of reminded providers expiring within 30 days with a reminder still to send. */
function dueReminders(db: Kysely<Database>, today: string) {
  return db
    .selectFrom("provider_documents as d")
    .innerJoin("providers as p", "p.id", "d.provider_id")
    .where("d.replaced_at", "is", null)
    .where("p.status", "in", [...remindedStatuses])
    .where(sql<boolean>`d.expires_on between ${today}::date and ${addDays(today, 30)}::date`)
    .where((eb) =>
      eb.or([
        eb("d.reminded_30_at", "is", null).and(sql<boolean>`d.expires_on > ${addDays(today, 7)}::date`),
        eb("d.reminded_7_at", "is", null).and(sql<boolean>`d.expires_on <= ${addDays(today, 7)}::date`),
      ]),
    );
}

/** The graphile-worker task name, and its daily schedule (crontab line) at 06:00. */
export const DOCUMENT_EXPIRY_TASK = "document_expiry_check";
export const documentExpiryCrontab = `0 6 * * * ${DOCUMENT_EXPIRY_TASK} ?fill=1d&max=1`;

/**
 * The worker job: register as `{ [DOCUMENT_EXPIRY_TASK]: documentExpiryTask(db) }` and schedule
 * with `documentExpiryCrontab`. A cron run checks as of its scheduled time (`_cron.ts`), so a
 * backfilled run after downtime behaves as the missed one would have.
 */
export function documentExpiryTask(db: Kysely<Database>, options: { notify?: VerificationNotifier } = {}): Task {
  return async (payload, helpers) => {
    const cronTs = (payload as { _cron?: { ts?: string } } | null)?._cron?.ts;
    const now = cronTs && !Number.isNaN(Date.parse(cronTs)) ? new Date(cronTs) : new Date();
    const outcome = await runDocumentExpiryCheck(db, { now, notify: options.notify });
    helpers.logger.info(
      `document expiry check: ${outcome.reminders30} reminders at 30 days, ${outcome.reminders7} at 7 days, ` +
        `${outcome.expired.length} providers expired, ${outcome.minorsBadgeRemoved.length} minors badges withdrawn`,
    );
  };
}
