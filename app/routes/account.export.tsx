import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportMyData } from "~/domain/accounts/gdpr.server";
import { requireUser } from "~/utils/auth.server";

/** "Download my data": everything about the signed-in person as a JSON file (GDPR art. 15 and 20). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const exported = await exportMyData(context.db, user.id);
  const day = exported.exportedAt.slice(0, 10);
  return new Response(`${JSON.stringify(exported, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="vicinato-personal-data-${day}.json"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
