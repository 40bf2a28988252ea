import type { Kysely } from "kysely";
import type { Database, DocumentType } from "../../../db/schema";
import { resources } from "../../i18n/resources";
import { enqueueEmail } from "../accounts/email-queue.server";

/**
 * E-mails to providers about their verification. Texts live in the "operator" namespace under
 * `emails.<key>.subject` / `.body`; every parameter is a string.
 */
export type VerificationEmailKey =
  | "approved"
  | "changesRequested"
  | "rejected"
  | "suspended"
  | "reinstated"
  | "expired"
  | "reminder30"
  | "reminder7";

export interface VerificationEmail {
  to: string;
  locale: string;
  template: { ns: "operator"; key: `emails.${VerificationEmailKey}` };
  params: Record<string, string>;
}

/**
 * Sends (queues) one e-mail. It receives the caller's transaction, so a queued e-mail exists
 * exactly when the decision it announces does.
 */
export type VerificationNotifier = (db: Kysely<Database>, email: VerificationEmail) => Promise<void>;

/** The real one: a graphile-worker `send_email` job (app/domain/accounts/email-queue.server.ts). */
export const enqueueVerificationEmail: VerificationNotifier = (db, email) => enqueueEmail(db, email);

export interface Recipient {
  email: string;
  locale: string;
  name: string;
}

/**
 * Who hears about a provider: the people on its account (owner, managers, the worker
 * themself) and, for an organisation's worker, the organisation's owners and managers.
 */
export async function providerRecipients(db: Kysely<Database>, providerId: string): Promise<Recipient[]> {
  const rows = await db
    .selectFrom("provider_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .innerJoin("providers as p", (join) =>
      join.on((eb) =>
        eb.or([
          eb("p.id", "=", eb.ref("m.provider_id")),
          eb.and([eb("p.organisation_id", "=", eb.ref("m.provider_id")), eb("m.member_role", "in", ["owner", "manager"])]),
        ]),
      ),
    )
    .select(["u.email", "u.locale", "u.display_name"])
    .where("p.id", "=", providerId)
    .where("u.deleted_at", "is", null)
    .execute();
  const byEmail = new Map<string, Recipient>();
  for (const row of rows) {
    const key = row.email.toLowerCase();
    if (!byEmail.has(key)) byEmail.set(key, { email: row.email, locale: row.locale, name: row.display_name ?? row.email });
  }
  return [...byEmail.values()];
}

type Locale = keyof typeof resources;

/** A document type's name in a language (for e-mail parameters, which are plain strings). */
export function documentTypeLabel(docType: DocumentType, locale: string): string {
  const lang = (locale.split("-")[0] in resources ? locale.split("-")[0] : "it") as Locale;
  const labels = (resources[lang].operator as { documentTypes?: Record<string, string> }).documentTypes;
  return labels?.[docType] ?? docType;
}

/** Sends the same message to every recipient of the provider, in each one's language. */
export async function notifyProvider(
  db: Kysely<Database>,
  notify: VerificationNotifier,
  providerId: string,
  key: VerificationEmailKey,
  params: (recipient: Recipient) => Record<string, string>,
): Promise<number> {
  const recipients = await providerRecipients(db, providerId);
  for (const recipient of recipients) {
    await notify(db, {
      to: recipient.email,
      locale: recipient.locale,
      template: { ns: "operator", key: `emails.${key}` },
      params: { name: recipient.name, ...params(recipient) },
    });
  }
  return recipients.length;
}
