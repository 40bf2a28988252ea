import type { LoaderFunctionArgs } from "@remix-run/node";
import { openPublicPhoto } from "~/domain/providers/document-access.server";
import { documentStore } from "~/domain/providers/document-store.server";
import { fileResponse } from "~/utils/file-response.server";

/** The photo of a verified provider, shown on the public profile; nothing for anyone else. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const file = await openPublicPhoto(context.db, documentStore(), params.id ?? "");
  if (!file) throw new Response("Not found", { status: 404 });
  return fileResponse(file, { disposition: "inline", cache: "public, max-age=300" });
}
