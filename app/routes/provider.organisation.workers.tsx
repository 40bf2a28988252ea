import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatList } from "~/i18n/format";
import { CsrfInput } from "~/components/CsrfInput";
import { DataTable } from "~/components/DataTable";
import { FieldError, errorAttributes, errorId } from "~/components/FieldError";
import { LabelledSection } from "~/components/LabelledSection";
import { FormErrorSummary } from "~/components/onboarding/FormErrorSummary";
import { AuthorisationError } from "~/domain/accounts/current-user";
import { loadOnboarding } from "~/domain/providers/onboarding.server";
import { workerInputFromForm, type FieldErrors } from "~/domain/providers/onboarding-schemas";
import { addWorker, listWorkers } from "~/domain/providers/organisation-workers.server";
import { ownMembership } from "~/domain/providers/provider-access.server";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import onboardingStyles from "~/styles/onboarding.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "onboarding"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: onboardingStyles }];

async function organisationOf(context: LoaderFunctionArgs["context"], user: Parameters<typeof ownMembership>[1]) {
  const membership = await ownMembership(context.db, user);
  if (!membership) throw new AuthorisationError("no provider");
  return membership.providerId;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return forbiddenOnAuthorisationError(async () => {
    const organisationId = await organisationOf(context, user);
    const [{ organisation, workers }, view, t] = await Promise.all([
      listWorkers(context.db, user, organisationId),
      loadOnboarding(context.db, user, organisationId),
      i18nServer.getFixedT(request, "onboarding"),
    ]);
    return { organisation, workers, services: view.services.map((s) => s.slug), title: t("workers.title") };
  });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "robots", content: "noindex" },
];

type ActionData = { errors: FieldErrors; values?: Record<string, unknown> };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  return forbiddenOnAuthorisationError(async () => {
    const organisationId = await organisationOf(context, user);
    const raw = workerInputFromForm(formData);
    const result = await addWorker(context.db, user, { organisationId, raw });
    if (!result.ok) return data<ActionData>({ errors: result.errors, values: raw }, { status: 400 });
    throw redirect(`/provider/organisation/workers?added=${result.linkedUser ? "linked" : "invited"}`);
  });
}

export default function OrganisationWorkers() {
  const { organisation, workers, services } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t, i18n } = useTranslation(["onboarding", "common"]);
  const [searchParams] = useSearchParams();
  const e = actionData?.errors ?? {};
  const values = (actionData?.values ?? {}) as { name?: string; email?: string; categories?: string[] };
  const added = searchParams.get("added");
  // A new form after each submission: empty once a worker is added, refilled from the action after an error.
  const { key: formKey } = useLocation();

  return (
    <div className="container py-4">
      <p>
        <Link to="/provider">{t("workers.back")}</Link>
      </p>
      <h1 className="mb-1">{t("workers.title")}</h1>
      <p className="lead">{t("workers.lead", { organisation: organisation.name })}</p>

      {added === "linked" || added === "invited" ? (
        <div className="alert alert-success" role="status">
          {t(`workers.added.${added}`)}
        </div>
      ) : null}

      <LabelledSection headingId="workers-list" heading={t("workers.listHeading", { count: workers.length })} headingClassName="h4" className="mb-5">
        {workers.length === 0 ? (
          <p>{t("workers.none")}</p>
        ) : (
          <DataTable
            caption={t("workers.caption")}
            className="table"
            columns={[t("workers.name"), t("workers.services"), t("workers.account"), t("workers.status")]}
          >
            {workers.map((w) => (
              <tr key={w.id}>
                <th scope="row">
                  {w.displayName}
                  {w.email ? <span className="d-block vc-hint fw-normal">{w.email}</span> : null}
                </th>
                <td>{formatList(w.services.map((slug) => t(`common:categories.${slug}.name`, { defaultValue: slug })), i18n.language)}</td>
                <td>{w.linked ? t("workers.linked") : t("workers.invited")}</td>
                <td>{t(`status.${w.status}.label`)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </LabelledSection>

      <LabelledSection headingId="add-worker" heading={t("workers.addHeading")} headingClassName="h4" className={null}>
        <p className="vc-hint">{t("workers.addHint")}</p>
        {services.length === 0 ? (
          <p className="alert alert-warning">
            {t("workers.needServices")} <Link to="/provider/onboarding/services">{t("steps.services.title")}</Link>
          </p>
        ) : (
          <Form key={formKey} method="post" noValidate className="vc-form vc-step-form">
            <CsrfInput />
            <FormErrorSummary errors={actionData?.errors} />
            <div className="row g-3">
              <div className="col-12 col-md-6 form-group">
                <label htmlFor="worker-name">
                  {t("workers.name")}
                </label>
                <input id="worker-name" name="name" type="text" className="form-control" defaultValue={values.name ?? ""} maxLength={80} {...errorAttributes("name", e.name)} />
                <FieldError field="name" messageKey={e.name} ns="onboarding" />
              </div>
              <div className="col-12 col-md-6 form-group">
                <label htmlFor="worker-email">
                  {t("workers.email")}
                </label>
                <input
                  id="worker-email"
                  name="email"
                  type="email"
                  className="form-control"
                  defaultValue={values.email ?? ""}
                  autoComplete="off"
                  {...errorAttributes("email", e.email)}
                />
                <FieldError field="email" messageKey={e.email} ns="onboarding" />
              </div>
            </div>
            <fieldset className="vc-fieldset" aria-describedby={e.categories ? errorId("categories") : undefined}>
              <legend className="vc-legend">{t("workers.servicesLegend")}</legend>
              <FieldError field="categories" messageKey={e.categories} ns="onboarding" />
              {services.map((slug) => (
                <div className="form-check my-1" key={slug}>
                  <input id={`worker-category-${slug}`} type="checkbox" name="categories" value={slug} defaultChecked={values.categories?.includes(slug)} />
                  <label htmlFor={`worker-category-${slug}`} className="vc-check-label">
                    {t(`common:categories.${slug}.name`, { defaultValue: slug })}
                  </label>
                </div>
              ))}
            </fieldset>
            <button type="submit" className="btn btn-primary mt-3">
              {t("workers.add")}
            </button>
          </Form>
        )}
      </LabelledSection>
    </div>
  );
}
