import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportDashboardCsv } from "~/domain/impact/dashboard-export.server";
import { parseDashboardQuery } from "~/domain/impact/dashboard-query";
import { UnknownAreaError } from "~/domain/impact/dashboard-scope.server";
import { i18nServer } from "~/i18n/i18next.server";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";

/** The dashboard's figures as CSV (UTF-8 with BOM, ";" and decimal comma, for Excel in Italy). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { query } = parseDashboardQuery(new URL(request.url).searchParams);
  const t = await i18nServer.getFixedT(request, ["impact", "common", "operator"]);
  const file = await forbiddenOnAuthorisationError(() => exportDashboardCsv(context.db, user, query, { t })).catch((error: unknown) => {
    if (error instanceof UnknownAreaError) throw new Response(null, { status: 404 });
    throw error;
  });
  return new Response(file.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
