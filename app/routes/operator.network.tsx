import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/DataTable";
import { LabelledSection } from "~/components/LabelledSection";
import { OperatorErrorBoundary, operatorMeta } from "~/components/OperatorErrorBoundary";
import { UnshownErrors } from "~/components/UnshownErrors";
import impactStyles from "~/components/impact/impact.css";
import { OrganisationForm } from "~/components/impact/OrganisationForm";
import { listCategories } from "~/domain/catalogue/catalogue.server";
import {
  organisationValuesFromForm,
  parseOrganisationForm,
  type OrganisationFieldErrors,
  type OrganisationFormValues,
} from "~/domain/impact/network/network-schemas";
import { assertCanEditOrganisation, assertCanManageNetwork, createNetworkOrganisation, listManagedOrganisations, updateNetworkOrganisation } from "~/domain/impact/network/network.server";
import { formatDate, formatList, formatNumber } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import operatorStyles from "~/styles/operator.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { isUuid } from "~/utils/uuid";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "operator", "impact"] };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: operatorStyles },
  { rel: "stylesheet", href: impactStyles },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const [network, categories] = await Promise.all([
    forbiddenOnAuthorisationError(() => listManagedOrganisations(context.db, user)),
    listCategories(context.db),
  ]);
  const editId = new URL(request.url).searchParams.get("edit");
  // Only an entry of one's own quartieri can be opened for editing.
  if (editId && !(await forbiddenOnAuthorisationError(() => assertCanEditOrganisation(context.db, user, editId)))) {
    throw new Response(null, { status: 404 });
  }
  const editing = editId ? network.organisations.find((o) => o.id === editId) : undefined;
  const t = await i18nServer.getFixedT(request, "impact");
  return { network, categories: categories.map((c) => c.slug), editing: editing ?? null, title: t("network.operator.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => operatorMeta(matches, error, data?.title);

type ActionData = { intent: "create" | "update"; id?: string; errors: OrganisationFieldErrors; values: OrganisationFormValues };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  // Only operators and admins keep the directory: settled before the form is read.
  await forbiddenOnAuthorisationError(async () => assertCanManageNetwork(user));
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const intent = formData.get("intent") === "update" ? "update" : formData.get("intent") === "create" ? "create" : null;
  const values = organisationValuesFromForm(formData);
  const id = String(formData.get("id") ?? "");
  if (!intent || (intent === "update" && !isUuid(id))) return data<ActionData>({ intent: intent ?? "create", errors: { _form: "network.errors.invalid" }, values }, { status: 400 });
  const parsed = parseOrganisationForm(values);
  if (parsed.errors) return data<ActionData>({ intent, id, errors: parsed.errors, values }, { status: 400 });
  const result = await forbiddenOnAuthorisationError(() =>
    intent === "create" ? createNetworkOrganisation(context.db, user, parsed.data) : updateNetworkOrganisation(context.db, user, id, parsed.data),
  );
  if (result === null) throw new Response(null, { status: 404 });
  if (!result.ok) return data<ActionData>({ intent, id, errors: result.errors, values }, { status: 400 });
  return redirect(`/operator/network?saved=${intent}#org-row-${result.id}`, 303);
}

const emptyValues: OrganisationFormValues = { name: "", kind: "association", description: "", categories: [], offers: "", contact: "", quartieri: [] };

export default function OperatorNetwork() {
  const { network, categories, editing, title } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t, i18n } = useTranslation(["impact", "operator"]);
  const locale = i18n.language;
  const [searchParams] = useSearchParams();
  const { key: formKey } = useLocation();
  const saved = searchParams.get("saved");
  const mine = new Set(network.quartieri.map((q) => q.id));
  const editValues: OrganisationFormValues | null = editing
    ? {
        name: editing.name,
        kind: editing.kind,
        description: editing.description,
        categories: editing.categories,
        offers: editing.offers,
        contact: editing.contact,
        quartieri: editing.quartieri.filter((q) => mine.has(q.id)).map((q) => String(q.id)),
      }
    : null;

  return (
    <div className="container py-4">
      <p>
        <Link to="/operator/dashboard">{t("network.operator.backToDashboard")}</Link>
      </p>
      <h1 className="mb-2">{title}</h1>
      <p className="lead">{network.isAdmin ? t("network.operator.leadAdmin") : t("network.operator.lead")}</p>
      <p>
        <Link to="/network">{t("network.operator.publicLink")}</Link>
      </p>
      {/* Changes to an entry that is not open for editing here: no form to show them next to. */}
      <UnshownErrors ns="impact" errors={actionData?.intent === "update" && (!editing || editing.id !== actionData.id) ? Object.values(actionData.errors) : []} />
      {saved === "create" || saved === "update" ? (
        <div className="vc-op-notice mb-4" role="status">
          <p className="mb-0 fw-semibold">{t(`network.operator.saved.${saved}`)}</p>
        </div>
      ) : null}

      <LabelledSection headingId="network-list-heading" heading={t("network.operator.listHeading", { total: formatNumber(network.organisations.length, locale) })} className="mb-5">
        {network.organisations.length === 0 ? (
          <p>{t("network.operator.none")}</p>
        ) : (
          <DataTable
            caption={t("network.operator.caption")}
            className="table vc-impact-table"
            columns={[t("network.fields.name"), t("network.fields.kind"), t("network.fields.quartieri"), t("network.operator.updated"), t("network.operator.actions")]}
          >
            {network.organisations.map((o) => (
              <tr key={o.id} id={`org-row-${o.id}`}>
                <th scope="row">{o.name}</th>
                <td>{t(`network.kinds.${o.kind}`)}</td>
                <td>{formatList(o.quartieri.map((q) => q.name), locale)}</td>
                <td>{formatDate(o.updatedAt, locale)}</td>
                <td>
                  <Link to={`/operator/network?edit=${o.id}#edit-org-heading`} aria-label={t("network.operator.editNamed", { name: o.name })}>
                    {t("network.operator.edit")}
                  </Link>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </LabelledSection>

      {editing && editValues ? (
        <section aria-labelledby="edit-org-heading" className="mb-5">
          <h2 id="edit-org-heading" className="h3">
            {t("network.operator.editHeading", { name: editing.name })}
          </h2>
          <OrganisationForm
            key={`edit-${formKey}`}
            intent="update"
            organisationId={editing.id}
            values={actionData?.intent === "update" ? actionData.values : editValues}
            errors={actionData?.intent === "update" ? actionData.errors : undefined}
            categories={categories}
            quartieri={network.quartieri}
            otherQuartieri={editing.quartieri.filter((q) => !mine.has(q.id)).map((q) => q.name)}
            submitLabel={t("network.operator.save")}
          />
          <p className="mt-3">
            <Link to="/operator/network">{t("network.operator.cancel")}</Link>
          </p>
        </section>
      ) : (
        <section aria-labelledby="new-org-heading">
          <h2 id="new-org-heading" className="h3">
            {t("network.operator.createHeading")}
          </h2>
          {network.quartieri.length === 0 ? (
            <p>{t("network.operator.noQuartieri")}</p>
          ) : (
            <OrganisationForm
              key={`new-${formKey}`}
              intent="create"
              values={actionData?.intent === "create" ? actionData.values : emptyValues}
              errors={actionData?.intent === "create" ? actionData.errors : undefined}
              categories={categories}
              quartieri={network.quartieri}
              submitLabel={t("network.operator.create")}
            />
          )}
        </section>
      )}
    </div>
  );
}

export { OperatorErrorBoundary as ErrorBoundary };
