import type { Kysely } from "kysely";
import type { Database } from "../../../../db/schema";
import type { CurrentUser } from "../../accounts/current-user";
import type { DocumentStore } from "../document-store.server";
import { fieldErrorsOf, profileSchema, type FieldErrors } from "../onboarding-schemas";
import { assertProviderMember } from "../provider-access.server";
import { storeFile, type FileInput } from "./store-file.server";
import { writeStep, type SaveResult } from "./write-step.server";

/**
 * Step 6: introduction texts, years of experience and the photo. A valid photo is kept even
 * when a text has an error, since a file cannot be put back into the form.
 */
export async function saveProfile(
  db: Kysely<Database>,
  store: DocumentStore,
  user: CurrentUser,
  input: { providerId: string; raw: unknown; photo: FileInput },
): Promise<SaveResult & { photoSaved?: boolean }> {
  await assertProviderMember(db, user, input.providerId);
  const errors: FieldErrors = {};
  let photoSaved = false;
  if (input.photo) {
    const stored = await storeFile(db, store, user, {
      providerId: input.providerId,
      step: "profile",
      docType: "photo",
      file: input.photo,
      expiresOn: null,
      field: "photo",
    });
    if (stored.ok) photoSaved = true;
    else Object.assign(errors, stored.errors);
  }
  const parsed = profileSchema.safeParse(input.raw);
  if (!parsed.success) Object.assign(errors, fieldErrorsOf(parsed.error));
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors, photoSaved };
  const result = await writeStep(db, user, input.providerId, "profile", async (trx, provider) => {
    await trx
      .updateTable("providers")
      .set({ bio: JSON.stringify(parsed.data.bio), years_experience: parsed.data.yearsExperience })
      .where("id", "=", provider.id)
      .execute();
  });
  return { ...result, photoSaved };
}
