import type { Kysely } from "kysely";
import type { Database } from "../../../../db/schema";
import type { CurrentUser } from "../../accounts/current-user";
import { fieldErrorsOf, languagesSchema } from "../onboarding-schemas";
import { failure, writeStep, type SaveResult } from "./write-step.server";

/** Step 4: the languages spoken. */
export async function saveLanguages(db: Kysely<Database>, user: CurrentUser, input: { providerId: string; raw: unknown }): Promise<SaveResult> {
  const parsed = languagesSchema.safeParse(input.raw);
  if (!parsed.success) return failure(fieldErrorsOf(parsed.error));
  return writeStep(db, user, input.providerId, "languages", async (trx, provider) => {
    await trx.updateTable("providers").set({ languages: parsed.data.languages }).where("id", "=", provider.id).execute();
  });
}
