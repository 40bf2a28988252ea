/**
 * A redirect target from a query string or form (e.g. ?redirectTo=), accepted only if it is a
 * path on this site: it must start with one "/" and contain no scheme, host, backslash or
 * control character. Anything else gives the fallback, so sign-in can never send people away.
 */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\\\u0000-\u001f\u007f]/.test(to)) return fallback;
  try {
    const url = new URL(to, "http://vicinato.invalid");
    if (url.origin !== "http://vicinato.invalid") return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
