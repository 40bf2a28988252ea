import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportDashboardPdf, pdfLanguageFor } from "~/domain/impact/dashboard-pdf.server";
import { parseDashboardQuery } from "~/domain/impact/dashboard-query";
import { UnknownAreaError } from "~/domain/impact/dashboard-scope.server";
import { i18nServer } from "~/i18n/i18next.server";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";

/** The dashboard as a PDF report for the city council (in Italian, English or Spanish). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { query } = parseDashboardQuery(new URL(request.url).searchParams);
  const lang = pdfLanguageFor(await i18nServer.getLocale(request));
  const t = await i18nServer.getFixedT(lang, ["impact", "common", "operator"]);
  const file = await forbiddenOnAuthorisationError(() => exportDashboardPdf(context.db, user, query, { t, lang })).catch((error: unknown) => {
    if (error instanceof UnknownAreaError) throw new Response(null, { status: 404 });
    throw error;
  });
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
