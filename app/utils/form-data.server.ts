/**
 * The request's form fields. A body that cannot be read as a form at all (multipart without a
 * boundary, or cut short; no browser sends one) is answered 400 — the route's error page, in
 * the visitor's language — instead of failing the request with a 500.
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response(null, { status: 400, statusText: "Bad Request" });
  }
}
