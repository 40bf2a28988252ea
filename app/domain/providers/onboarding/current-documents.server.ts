import { sql, type Kysely } from "kysely";
import type { Database } from "../../../../db/schema";
import { documentSummaryOf, type DocumentSummary } from "../document-summary";

/** The provider's current documents (not replaced), the photo included, oldest first. */
export async function currentDocuments(db: Kysely<Database>, providerId: string): Promise<DocumentSummary[]> {
  const rows = await db
    .selectFrom("provider_documents")
    .select([
      "id",
      "doc_type",
      "original_name",
      "content_type",
      "size_bytes",
      sql<string | null>`to_char(expires_on, 'YYYY-MM-DD')`.as("expires_on"),
      "uploaded_at",
    ])
    .where("provider_id", "=", providerId)
    .where("replaced_at", "is", null)
    .orderBy("uploaded_at")
    .execute();
  return rows.map(documentSummaryOf);
}
