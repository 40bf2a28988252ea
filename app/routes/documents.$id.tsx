import type { LoaderFunctionArgs } from "@remix-run/node";
import { openDocumentForUser } from "~/domain/providers/document-access.server";
import { documentStore } from "~/domain/providers/document-store.server";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { fileResponse } from "~/utils/file-response.server";

/**
 * A provider's document, streamed only to the provider's members and to the operators of the
 * provider's quartiere (or an admin): always as a download, never cached by shared caches.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const file = await forbiddenOnAuthorisationError(() => openDocumentForUser(context.db, documentStore(), user, params.id ?? ""));
  if (!file) throw new Response("Not found", { status: 404 });
  return fileResponse(file, { disposition: "attachment", cache: "private, no-store" });
}
