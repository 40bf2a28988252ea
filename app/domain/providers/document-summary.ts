import type { DocumentType } from "../../../db/schema";

/** An uploaded document as the provider and the operators see it (never its storage key). */
export interface DocumentSummary {
  id: string;
  docType: DocumentType;
  originalName: string;
  contentType: string;
  sizeBytes: number;
  /** YYYY-MM-DD, or null for documents that do not expire. */
  expiresOn: string | null;
  uploadedAt: string;
}

/** The summary of a `provider_documents` row (expires_on already read as 'YYYY-MM-DD' text). */
export function documentSummaryOf(row: {
  id: string;
  doc_type: DocumentType;
  original_name: string;
  content_type: string;
  size_bytes: number;
  expires_on: string | null;
  uploaded_at: Date | string;
}): DocumentSummary {
  return {
    id: row.id,
    docType: row.doc_type,
    originalName: row.original_name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    expiresOn: row.expires_on,
    uploadedAt: new Date(row.uploaded_at).toISOString(),
  };
}
