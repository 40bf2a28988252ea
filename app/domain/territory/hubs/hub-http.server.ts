import { forbiddenOnAuthorisationError } from "~/utils/auth.server";
import { HubNotFoundError } from "./hub-access.server";

/**
 * For the hub routes: runs a domain call and turns its refusals into HTTP answers —
 * AuthorisationError → 403, HubNotFoundError → 404; anything else propagates.
 */
export async function hubHttpErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await forbiddenOnAuthorisationError(work);
  } catch (error) {
    if (error instanceof HubNotFoundError) throw new Response(null, { status: 404 });
    throw error;
  }
}
