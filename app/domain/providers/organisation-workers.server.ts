import { sql, type Kysely } from "kysely";
import type { Database, ProviderStatus } from "../../../db/schema";
import { AuthorisationError, type CurrentUser } from "../accounts/current-user";
import { enqueueEmail } from "../accounts/email-queue.server";
import { blankDraftColumns } from "./draft-provider";
import { fieldErrorsOf, workerSchema, type FieldErrors } from "./onboarding-schemas";
import { assertProviderMember, grantRole } from "./provider-access.server";

/**
 * An organisation (cooperative, association) adds the people who work for it. Each worker gets
 * a provider row of their own (an individual, linked by organisation_id) that they complete and
 * that operators verify one by one; the organisation itself is accredited as a whole.
 */

type DB = Kysely<Database>;

export interface WorkerSummary {
  id: string;
  displayName: string;
  status: ProviderStatus;
  email: string | null;
  /** Whether the worker's account is linked (they can sign in and complete their profile). */
  linked: boolean;
  services: string[];
}

export interface WorkerInvitationEmail {
  to: string;
  locale: string;
  template: { ns: "onboarding"; key: "emails.workerInvited" };
  params: Record<string, string>;
}

/** Queues the e-mail (in the caller's transaction); tests pass a recorder instead. */
export type WorkerNotifier = (db: DB, email: WorkerInvitationEmail) => Promise<void>;
export const enqueueWorkerInvitation: WorkerNotifier = (db, email) => enqueueEmail(db, email);

/** Owners and managers of an organisation (not its workers) manage its workers. */
async function assertOrganisationManager(db: DB, user: CurrentUser, organisationId: string) {
  await assertProviderMember(db, user, organisationId, ["owner", "manager"]);
  const org = await db
    .selectFrom("providers")
    .select(["id", "kind", "display_name", "organisation_name"])
    .where("id", "=", organisationId)
    .executeTakeFirstOrThrow();
  if (org.kind !== "organisation") throw new AuthorisationError("not an organisation");
  return { id: org.id, name: org.organisation_name ?? org.display_name };
}

export async function listWorkers(db: DB, user: CurrentUser, organisationId: string): Promise<{ organisation: { id: string; name: string }; workers: WorkerSummary[] }> {
  const organisation = await assertOrganisationManager(db, user, organisationId);
  const rows = await db
    .selectFrom("providers as p")
    .leftJoin("provider_invitations as i", "i.provider_id", "p.id")
    .select([
      "p.id",
      "p.display_name",
      "p.status",
      "i.email",
      sql<boolean>`exists (select 1 from provider_members m where m.provider_id = p.id)`.as("linked"),
      sql<string[]>`coalesce((
        select array_agg(c.slug order by c.sort_order)
        from provider_services s join service_categories c on c.id = s.category_id
        where s.provider_id = p.id
      ), '{}')`.as("services"),
    ])
    .where("p.organisation_id", "=", organisationId)
    .orderBy("p.display_name")
    .execute();
  return {
    organisation,
    workers: rows.map((r) => ({ id: r.id, displayName: r.display_name, status: r.status, email: r.email, linked: r.linked, services: r.services })),
  };
}

export type AddWorkerResult = { ok: true; workerId: string; linkedUser: boolean } | { ok: false; errors: FieldErrors };

/**
 * Creates the worker's draft (an individual of this organisation, with the services they do at
 * the organisation's prices, which they can change) and links the account with that e-mail if
 * there is one; otherwise the invitation waits for them to sign up. Either way they get an e-mail.
 */
export async function addWorker(
  db: DB,
  user: CurrentUser,
  input: { organisationId: string; raw: unknown },
  notify: WorkerNotifier = enqueueWorkerInvitation,
): Promise<AddWorkerResult> {
  const organisation = await assertOrganisationManager(db, user, input.organisationId);
  const parsed = workerSchema.safeParse(input.raw);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const { name, email, categories } = parsed.data;

  const offered = await db
    .selectFrom("provider_services as s")
    .innerJoin("service_categories as c", "c.id", "s.category_id")
    .select(["c.id", "c.slug", "s.hourly_price_cents"])
    .where("s.provider_id", "=", organisation.id)
    .execute();
  const priceOf = new Map(offered.map((o) => [o.slug, o]));
  if (categories.some((slug) => !priceOf.has(slug))) return { ok: false, errors: { categories: "errors.workerCategoryNotOffered" } };

  return db.transaction().execute(async (trx) => {
    // One row per person per organisation.
    const duplicate = await trx
      .selectFrom("providers as p")
      .leftJoin("provider_invitations as i", "i.provider_id", "p.id")
      .leftJoin("provider_members as m", "m.provider_id", "p.id")
      .leftJoin("users as u", "u.id", "m.user_id")
      .select("p.id")
      .where("p.organisation_id", "=", organisation.id)
      .where((eb) => eb.or([eb(sql`lower(i.email)`, "=", email), eb(sql`lower(u.email)`, "=", email)]))
      .executeTakeFirst();
    if (duplicate) return { ok: false as const, errors: { email: "errors.workerAlreadyAdded" } };

    const services = categories.map((slug) => priceOf.get(slug)!);
    const { id } = await trx
      .insertInto("providers")
      .values({
        kind: "individual",
        display_name: name,
        organisation_name: organisation.name,
        organisation_id: organisation.id,
        ...blankDraftColumns,
        hourly_price_cents: Math.min(...services.map((s) => s.hourly_price_cents)),
        onboarding_step: "identity",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("provider_services")
      .values(services.map((s) => ({ provider_id: id, category_id: s.id, hourly_price_cents: s.hourly_price_cents })))
      .execute();

    const account = await trx
      .selectFrom("users")
      .select(["id", "locale"])
      .where(sql`lower(email)`, "=", email)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    await trx
      .insertInto("provider_invitations")
      .values({ provider_id: id, email, invited_by: user.id, accepted_at: account ? new Date() : null })
      .execute();
    if (account) {
      await trx.insertInto("provider_members").values({ provider_id: id, user_id: account.id, member_role: "worker" }).execute();
      await grantRole(trx, account.id, "provider");
    }
    await notify(trx, {
      to: email,
      locale: account?.locale ?? user.locale,
      template: { ns: "onboarding", key: "emails.workerInvited" },
      params: { name, organisation: organisation.name },
    });
    return { ok: true as const, workerId: id, linkedUser: account !== undefined };
  });
}
