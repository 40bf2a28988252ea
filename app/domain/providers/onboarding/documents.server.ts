import type { Kysely } from "kysely";
import type { Database } from "../../../../db/schema";
import type { CurrentUser } from "../../accounts/current-user";
import { checkUploadedFile, type DocumentStore } from "../document-store.server";
import { documentUploadSchema, fieldErrorsOf, type FieldErrors } from "../onboarding-schemas";
import { assertProviderMember } from "../provider-access.server";
import { storeFile, type FileInput } from "./store-file.server";
import { failure, writeStep, type SaveResult } from "./write-step.server";
import { isUuid } from "../../../utils/uuid";

/**
 * Step 7: one document with its type and, for identity, criminal record and insurance, its
 * expiry date. The file must be a PDF, JPEG or PNG (by its bytes) of at most 10 MB.
 */
export async function uploadProviderDocument(
  db: Kysely<Database>,
  store: DocumentStore,
  user: CurrentUser,
  input: { providerId: string; raw: unknown; file: FileInput },
): Promise<{ ok: true; documentId: string } | { ok: false; errors: FieldErrors }> {
  await assertProviderMember(db, user, input.providerId);
  const parsed = documentUploadSchema().safeParse(input.raw);
  const errors: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  if (!input.file) errors.file = "errors.fileRequired";
  else if ("tooLarge" in input.file) errors.file = "errors.fileTooLarge";
  else {
    const check = await checkUploadedFile(input.file, "document");
    if (!check.ok) errors.file = check.error;
  }
  if (!parsed.success || Object.keys(errors).length > 0 || !input.file) return failure(errors);
  return storeFile(db, store, user, {
    providerId: input.providerId,
    step: "documents",
    docType: parsed.data.docType,
    file: input.file,
    expiresOn: parsed.data.expiresOn,
    field: "file",
  });
}

/** Takes back a qualification (kept, marked replaced, for the history). Other types are replaced by uploading. */
export async function withdrawQualification(
  db: Kysely<Database>,
  user: CurrentUser,
  input: { providerId: string; documentId: string },
): Promise<SaveResult> {
  return writeStep(db, user, input.providerId, "documents", async (trx, provider) => {
    // An id from the form: anything but a uuid names no document (and PostgreSQL must not be asked to cast it).
    if (!isUuid(input.documentId)) return { _form: "errors.documentNotFound" };
    const result = await trx
      .updateTable("provider_documents")
      .set({ replaced_at: new Date() })
      .where("id", "=", input.documentId)
      .where("provider_id", "=", provider.id)
      .where("doc_type", "=", "qualification")
      .where("replaced_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return { _form: "errors.documentNotFound" };
  });
}

/** "Continue" on the documents step: documents are saved one by one, this only moves on. */
export async function finishDocumentsStep(db: Kysely<Database>, user: CurrentUser, providerId: string): Promise<SaveResult> {
  return writeStep(db, user, providerId, "documents", async () => {});
}
