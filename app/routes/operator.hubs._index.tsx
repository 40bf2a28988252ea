import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/DataTable";
import { LabelledSection } from "~/components/LabelledSection";
import { HubDetailsForm } from "~/components/hubs/HubDetailsForm";
import { HubOperatorErrorBoundary } from "~/components/hubs/HubErrorBoundaries";
import hubStyles from "~/components/hubs/hubs.css";
import { OpenStatus } from "~/components/hubs/OpenStatus";
import { operatorMeta } from "~/components/OperatorErrorBoundary";
import { assertCanCreateHub } from "~/domain/territory/hubs/hub-access.server";
import { createHub, listManagedHubs } from "~/domain/territory/hubs/hub-admin.server";
import { hubHttpErrors } from "~/domain/territory/hubs/hub-http.server";
import { formIntent, hubDetailsValuesFromForm, parseHubDetails, type FieldErrors, type HubDetailsValues } from "~/domain/territory/hubs/hub-schemas";
import { formatList, formatNumber } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import operatorStyles from "~/styles/operator.css";
import { requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "operator", "hub"] };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: operatorStyles },
  { rel: "stylesheet", href: hubStyles },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const list = await hubHttpErrors(() => listManagedHubs(context.db, user));
  const t = await i18nServer.getFixedT(request, "hub");
  return { list, title: t("operator.list.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => operatorMeta(matches, error, data?.title);

type ActionData = { errors: FieldErrors; values: HubDetailsValues };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  // Only an admin opens hubs: settled before the form is read.
  await hubHttpErrors(async () => assertCanCreateHub(user));
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const values = hubDetailsValuesFromForm(formData);
  if (formIntent(formData, ["create"] as const) === null) return data<ActionData>({ errors: { _form: "errors.invalid" }, values }, { status: 400 });
  const parsed = parseHubDetails(values, { withCoverage: true });
  if (parsed.errors) return data<ActionData>({ errors: parsed.errors, values }, { status: 400 });
  const result = await hubHttpErrors(() => createHub(context.db, user, { ...parsed.data, quartieri: parsed.data.quartieri ?? [] }));
  if (!result.ok) return data<ActionData>({ errors: result.errors, values }, { status: 400 });
  return redirect(`/operator/hubs/${result.hubId}?saved=created`, 303);
}

const emptyValues: HubDetailsValues = { name: "", address: "", lat: "", lng: "", quartieri: [] };

export default function OperatorHubs() {
  const { list, title } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t, i18n } = useTranslation(["hub", "operator"]);
  const locale = i18n.language;
  // A fresh form after each submission: refilled from the action after an error.
  const { key: formKey } = useLocation();

  return (
    <div className="container py-4">
      <p>
        <Link to="/operator">{t("operator.list.backToOperator")}</Link>
      </p>
      <h1 className="mb-2">{title}</h1>
      <p className="lead">{list.isAdmin ? t("operator.list.leadAdmin") : t("operator.list.lead")}</p>

      <LabelledSection headingId="hubs-heading" heading={t("operator.list.heading", { count: list.hubs.length })} className="mb-5">
        {list.hubs.length === 0 ? (
          <p>{t("operator.list.none")}</p>
        ) : (
          <DataTable
            caption={t("operator.list.caption")}
            columns={[
              t("operator.list.columns.name"),
              t("operator.list.columns.quartieri"),
              t("operator.list.columns.status"),
              { label: t("operator.list.columns.events"), className: "text-end" },
            ]}
          >
            {list.hubs.map((hub) => (
              <tr key={hub.id}>
                <th scope="row">
                  <Link to={`/operator/hubs/${hub.id}`}>{hub.name}</Link>
                  <span className="d-block vc-hint fw-normal">{hub.address}</span>
                </th>
                <td>{formatList(hub.quartieri.map((q) => q.name), locale)}</td>
                <td>
                  <OpenStatus status={hub.status} />
                </td>
                <td className="text-end">{formatNumber(hub.upcomingEvents, locale)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </LabelledSection>

      {list.isAdmin ? (
        <LabelledSection headingId="new-hub-heading" heading={t("operator.list.createHeading")}>
          <p className="vc-hint">{t("operator.list.createLead")}</p>
          <HubDetailsForm
            key={formKey}
            intent="create"
            idPrefix="new-hub"
            values={actionData?.values ?? emptyValues}
            errors={actionData?.errors}
            coverage={{ quartieri: list.quartieri, municipi: list.municipi }}
            submitLabel={t("operator.list.create")}
          />
        </LabelledSection>
      ) : null}
    </div>
  );
}

export { HubOperatorErrorBoundary as ErrorBoundary };
