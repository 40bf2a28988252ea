import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endSession } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

/** Sign-out is a POST with the CSRF token (a link or an image must not sign anyone out). */
export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const cookie = await endSession(request, context);
  return redirect("/login?notice=signed-out", { headers: { "Set-Cookie": cookie } });
}

export async function loader() {
  return redirect("/");
}
