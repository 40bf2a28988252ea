import type { Kysely } from "kysely";
import type { Database } from "../../../../db/schema";
import type { CurrentUser } from "../../accounts/current-user";
import { documentProblems } from "../../verification/verification-rules";
import { fieldErrorsOf, servicesSchema, todayInMilan } from "../onboarding-schemas";
import { currentDocuments } from "./current-documents.server";
import { failure, writeStep, type SaveResult } from "./write-step.server";

/** Step 2: the services offered, each with its hourly price. */
export async function saveServices(db: Kysely<Database>, user: CurrentUser, input: { providerId: string; raw: unknown }): Promise<SaveResult> {
  const parsed = servicesSchema.safeParse(input.raw);
  if (!parsed.success) return failure(fieldErrorsOf(parsed.error));
  const { services } = parsed.data;
  const categories = await db.selectFrom("service_categories").select(["id", "slug"]).execute();
  const idOf = new Map(categories.map((c) => [c.slug, c.id]));
  if (services.some((s) => !idOf.has(s.slug))) return failure({ categories: "errors.categoryUnknown" });

  return writeStep(db, user, input.providerId, "services", async (trx, provider) => {
    // A published profile cannot start offering a service whose documents it does not hold
    // (e.g. babysitting without the criminal record certificate): upload them first.
    if (provider.status === "verified") {
      const held = await currentDocuments(trx, provider.id);
      const problems = documentProblems(
        { kind: provider.kind, categorySlugs: services.map((s) => s.slug) },
        held.map((d) => ({ docType: d.docType, expiresOn: d.expiresOn, replaced: false })),
        todayInMilan(),
      );
      if (problems.length > 0) return { categories: "errors.servicesNeedDocuments" };
    }
    await trx.deleteFrom("provider_services").where("provider_id", "=", provider.id).execute();
    await trx
      .insertInto("provider_services")
      .values(services.map((s) => ({ provider_id: provider.id, category_id: idOf.get(s.slug)!, hourly_price_cents: s.cents })))
      .execute();
    // The "from" price shown in search results.
    await trx
      .updateTable("providers")
      .set({ hourly_price_cents: Math.min(...services.map((s) => s.cents)) })
      .where("id", "=", provider.id)
      .execute();
  });
}
