import type { AppLoadContext } from "@remix-run/node";

export const CSRF_FIELD = "_csrf";

/**
 * Every state-changing form carries the CSRF token (see <CsrfInput/>). The Express server checks
 * it against the signed double-submit cookie (csrf-csrf); an action calls this before acting.
 */
export function assertValidCsrf(formData: FormData, context: AppLoadContext): void {
  const token = formData.get(CSRF_FIELD);
  if (typeof token !== "string" || !context.isValidCsrfToken(token)) {
    throw new Response("Invalid or missing CSRF token", { status: 403 });
  }
}
