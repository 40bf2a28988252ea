import type { Kysely } from "kysely";
import type { Readable } from "node:stream";
import type { Database } from "../../../db/schema";
import { AuthorisationError, type CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit/audit-log.server";
import { canReviewProvider } from "../verification/operator-access.server";
import type { DocumentStore } from "./document-store.server";
import { isUuid } from "../../utils/uuid";
import { isProviderMember } from "./provider-access.server";
import { isPublicProvider } from "./public-visibility";

/**
 * Reading a stored document: its provider's members and the operators responsible for the
 * provider's quartiere (or an admin) may; nobody else. Only a verified provider's current photo
 * is public. Documents never reach the search index (it is built from providers' columns only).
 */

type DB = Kysely<Database>;

export interface OpenedFile {
  stream: Readable;
  size: number;
  contentType: string;
  fileName: string;
}

/** null: no such document (or its file is gone); AuthorisationError: it exists but is not yours to see. */
export async function openDocumentForUser(db: DB, store: DocumentStore, user: CurrentUser, documentId: string): Promise<OpenedFile | null> {
  if (!isUuid(documentId)) return null;
  const doc = await db
    .selectFrom("provider_documents")
    .select(["provider_id", "storage_key", "content_type", "original_name"])
    .where("id", "=", documentId)
    .executeTakeFirst();
  if (!doc) return null;
  const member = await isProviderMember(db, user, doc.provider_id);
  if (!member && !(await canReviewProvider(db, user, doc.provider_id))) throw new AuthorisationError("not allowed to read this document");
  const file = await store.open(doc.storage_key);
  // Identity papers and criminal-record certificates: every look by an operator is on record.
  if (file && !member) {
    await recordAudit(db, { actorUserId: user.id, action: "document.read", subjectType: "provider_document", subjectId: documentId, details: { providerId: doc.provider_id } });
  }
  return file ? { ...file, contentType: doc.content_type, fileName: doc.original_name } : null;
}

/** The current photo of a provider the public may see (see public-visibility.ts); null otherwise. */
export async function openPublicPhoto(db: DB, store: DocumentStore, providerId: string): Promise<OpenedFile | null> {
  if (!isUuid(providerId)) return null;
  const doc = await db
    .selectFrom("provider_documents as d")
    .innerJoin("providers as p", "p.id", "d.provider_id")
    .select(["d.storage_key", "d.content_type", "d.original_name"])
    .where("d.provider_id", "=", providerId)
    .where("d.doc_type", "=", "photo")
    .where("d.replaced_at", "is", null)
    .where(isPublicProvider("p"))
    .orderBy("d.uploaded_at", "desc")
    .executeTakeFirst();
  if (!doc) return null;
  const file = await store.open(doc.storage_key);
  return file ? { ...file, contentType: doc.content_type, fileName: doc.original_name } : null;
}
