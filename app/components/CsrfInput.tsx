import { useRouteLoaderData } from "@remix-run/react";

/** The hidden CSRF field every state-changing form must include (checked by assertValidCsrf). */
export function CsrfInput() {
  const root = useRouteLoaderData<{ csrfToken?: string }>("root");
  return <input type="hidden" name="_csrf" value={root?.csrfToken ?? ""} />;
}
