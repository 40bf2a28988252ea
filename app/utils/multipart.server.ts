import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";

/**
 * Reads a multipart form (file uploads) with Remix's parser and a size-limited, in-memory upload
 * handler. A file over its limit does not abort the whole form: it is drained and named in
 * `tooLarge`, so the page can say so next to the field while keeping everything else typed.
 * Only a request far beyond any limit is refused outright (PayloadTooLargeError → 413).
 */

export class PayloadTooLargeError extends Error {
  constructor() {
    super("request body too large");
    this.name = "PayloadTooLargeError";
  }
}

/**
 * A multipart body the parser cannot read (a part header with an odd quote, a missing boundary,
 * a body cut short): the person's browser never sends one, so it is a bad request, not a crash.
 */
export class MalformedFormError extends Error {
  constructor(cause: unknown) {
    super(`malformed multipart body: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "MalformedFormError";
  }
}

export interface ParsedUploadForm {
  formData: FormData;
  /** Field names of files that were over the limit (and were dropped). */
  tooLarge: Set<string>;
}

export async function parseUploadForm(
  request: Request,
  limits: { maxFileBytes: number; maxTextBytes?: number; maxRequestBytes?: number },
): Promise<ParsedUploadForm> {
  const maxText = limits.maxTextBytes ?? 64 * 1024;
  const maxRequest = limits.maxRequestBytes ?? limits.maxFileBytes * 3 + 1024 * 1024;
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > maxRequest) throw new PayloadTooLargeError();

  const tooLarge = new Set<string>();
  let total = 0;
  const handler: UploadHandler = async ({ name, filename, contentType, data }) => {
    const isFile = filename !== undefined;
    const limit = isFile ? limits.maxFileBytes : maxText;
    const chunks: Uint8Array[] = [];
    let size = 0;
    let over = false;
    for await (const chunk of data) {
      total += chunk.byteLength;
      if (total > maxRequest) throw new PayloadTooLargeError();
      size += chunk.byteLength;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        continue;
      }
      if (!over) chunks.push(chunk);
    }
    if (over) {
      tooLarge.add(name);
      return undefined;
    }
    if (!isFile) return new TextDecoder().decode(Buffer.concat(chunks));
    // A file input left empty still sends a part, with no name and no bytes.
    if (filename === "" && size === 0) return undefined;
    return new File([Buffer.concat(chunks)], filename || "file", { type: contentType });
  };
  try {
    const formData = await unstable_parseMultipartFormData(request, handler);
    return { formData, tooLarge };
  } catch (error) {
    if (error instanceof PayloadTooLargeError) throw error;
    throw new MalformedFormError(error);
  }
}

/** Whether the request carries a multipart body (file upload form). */
export function isMultipart(request: Request): boolean {
  return (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

/** A File from the form as plain bytes (what the domain checks), or null when absent/empty. */
export async function fileFromForm(formData: FormData, name: string): Promise<{ name: string; bytes: Uint8Array } | null> {
  const value = formData.get(name);
  if (!value || typeof value === "string") return null;
  return { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) };
}
