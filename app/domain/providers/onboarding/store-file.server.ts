import type { Kysely } from "kysely";
import type { Database, DocumentType } from "../../../../db/schema";
import type { CurrentUser } from "../../accounts/current-user";
import { checkUploadedFile, cleanFileName, type DocumentStore, type UploadedFile } from "../document-store.server";
import { editProblem } from "../onboarding-progress";
import type { FieldErrors, OnboardingStep } from "../onboarding-schemas";
import { failure } from "./write-step.server";

/** An uploaded file as the form gives it: none, too large to read, or its bytes. */
export type FileInput = UploadedFile | { tooLarge: true } | null;

/**
 * Checks a file (type by its bytes, size), stores it and records it as the provider's current
 * document of its type; the one it replaces is kept, marked replaced. The stored file is
 * removed again when the record cannot be written.
 */
export async function storeFile(
  db: Kysely<Database>,
  store: DocumentStore,
  user: CurrentUser,
  input: {
    providerId: string;
    step: OnboardingStep;
    docType: DocumentType;
    file: Exclude<FileInput, null>;
    expiresOn: string | null;
    field: string;
  },
): Promise<{ ok: true; documentId: string } | { ok: false; errors: FieldErrors }> {
  const rule = input.docType === "photo" ? "photo" : "document";
  if ("tooLarge" in input.file) return failure({ [input.field]: rule === "photo" ? "errors.photoTooLarge" : "errors.fileTooLarge" });
  const file = input.file;
  const check = await checkUploadedFile(file, rule);
  if (!check.ok) return failure({ [input.field]: check.error });

  // Refuse early (before writing a file) when the profile cannot change now.
  const status = await db.selectFrom("providers").select("status").where("id", "=", input.providerId).executeTakeFirstOrThrow();
  const problem = editProblem(status.status, input.step);
  if (problem) return failure({ _form: problem });

  const key = await store.save(file.bytes);
  try {
    return await db.transaction().execute(async (trx) => {
      const provider = await trx
        .selectFrom("providers")
        .select(["id", "status"])
        .where("id", "=", input.providerId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const lockedProblem = editProblem(provider.status, input.step);
      if (lockedProblem) {
        await store.remove(key);
        return failure({ _form: lockedProblem });
      }
      const now = new Date();
      // One current document per type (qualifications can be several); the old one is kept,
      // marked replaced, for the operators' history.
      if (input.docType !== "qualification") {
        await trx
          .updateTable("provider_documents")
          .set({ replaced_at: now })
          .where("provider_id", "=", provider.id)
          .where("doc_type", "=", input.docType)
          .where("replaced_at", "is", null)
          .execute();
      }
      const { id } = await trx
        .insertInto("provider_documents")
        .values({
          provider_id: provider.id,
          doc_type: input.docType,
          original_name: cleanFileName(file.name, check.extension),
          storage_key: key,
          content_type: check.contentType,
          size_bytes: file.bytes.byteLength,
          expires_on: input.expiresOn,
          uploaded_by: user.id,
          uploaded_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (input.docType === "photo") {
        await trx.updateTable("providers").set({ photo_url: `/providers/${provider.id}/photo`, updated_at: now }).where("id", "=", provider.id).execute();
      }
      return { ok: true as const, documentId: id };
    });
  } catch (error) {
    await store.remove(key);
    throw error;
  }
}
