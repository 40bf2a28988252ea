import { sql, type Kysely } from "kysely";
import type { Database } from "../../../../db/schema";
import type { CurrentUser } from "../../accounts/current-user";
import { blankDraftColumns } from "../draft-provider";
import { fieldErrorsOf, identitySchema, stepAfter } from "../onboarding-schemas";
import { grantRole, ownMembership } from "../provider-access.server";
import { failure, writeStep, type SaveResult } from "./write-step.server";

/**
 * Step 1. Without a provider yet, this creates the draft and makes the person its owner (and
 * gives them the provider or organisation role); afterwards it updates the same draft.
 */
export async function saveIdentity(db: Kysely<Database>, user: CurrentUser, input: { providerId: string | null; raw: unknown }): Promise<SaveResult> {
  const parsed = identitySchema.safeParse(input.raw);
  if (!parsed.success) return failure(fieldErrorsOf(parsed.error));
  const data = parsed.data;
  const columns = {
    kind: data.kind,
    display_name: data.displayName,
    organisation_name: data.kind === "organisation" ? data.organisationName : null,
    fiscal_code: data.fiscalCode,
    vat_number: data.kind === "organisation" ? data.vatNumber : null,
  };

  const providerId = input.providerId ?? (await ownMembership(db, user))?.providerId ?? null;
  if (providerId === null) {
    const created = await db.transaction().execute(async (trx) => {
      // One draft per person even when the form is sent twice at once.
      await sql`select pg_advisory_xact_lock(hashtextextended(${`provider-draft:${user.id}`}, 0))`.execute(trx);
      if (await ownMembership(trx, user)) return null;
      const { id } = await trx
        .insertInto("providers")
        .values({ ...columns, ...blankDraftColumns, hourly_price_cents: null, onboarding_step: stepAfter("identity") })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx.insertInto("provider_members").values({ provider_id: id, user_id: user.id, member_role: "owner" }).execute();
      await grantRole(trx, user.id, data.kind === "organisation" ? "organisation_member" : "provider");
      return { ok: true as const, providerId: id, next: stepAfter("identity") };
    });
    // Someone else's request created it first: save into that draft instead.
    if (created) return created;
    return saveIdentity(db, user, { providerId: (await ownMembership(db, user))!.providerId, raw: input.raw });
  }

  return writeStep(db, user, providerId, "identity", async (trx, provider) => {
    if (provider.organisation_id !== null && data.kind !== "individual") return { kind: "errors.workerIsIndividual" };
    if (provider.kind === "organisation" && data.kind === "individual") {
      const worker = await trx.selectFrom("providers").select("id").where("organisation_id", "=", provider.id).executeTakeFirst();
      if (worker) return { kind: "errors.organisationHasWorkers" };
    }
    await trx.updateTable("providers").set(columns).where("id", "=", provider.id).execute();
    if (data.kind === "organisation") await grantRole(trx, user.id, "organisation_member");
  });
}
