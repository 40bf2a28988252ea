import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import condominiumStyles from "~/components/condominiums/condominiums.css";
import { CondominiumErrorBoundary } from "~/components/condominiums/CondominiumErrorBoundary";
import { CreateCondominiumForm, createValuesFrom, type CreateValues } from "~/components/condominiums/CreateCondominiumForm";
import { isCondominiumError } from "~/domain/sharing/condominiums/condominium-errors";
import { createCondominium } from "~/domain/sharing/condominiums/condominiums.server";
import { createCondominiumSchema, formValues, parseForm, type FieldErrors } from "~/domain/sharing/condominiums/schemas";
import { listMunicipi, listQuartieri } from "~/domain/territory/territory.server";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "condominium", "auth"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: condominiumStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const [quartieri, municipi, t] = await Promise.all([
    listQuartieri(context.db),
    listMunicipi(context.db),
    i18nServer.getFixedT(request, "condominium"),
  ]);
  return { title: t("meta.new"), quartieri, municipi: municipi.map(({ id, name }) => ({ id, name })) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "robots", content: "noindex" },
];

type ActionData = { errors: FieldErrors; values: CreateValues };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const raw = formValues(formData);
  const values = createValuesFrom(raw);
  const parsed = parseForm(createCondominiumSchema, raw);
  if (!parsed.success) return data<ActionData>({ errors: parsed.errors, values }, { status: 400 });
  try {
    const created = await forbiddenOnAuthorisationError(() => createCondominium(context.db, user, parsed.data));
    return redirect(`/condominiums/${created.id}?notice=${created.approximateLocation ? "createdApproximate" : "created"}`, 303);
  } catch (error) {
    if (isCondominiumError(error, "quartiere_unknown")) return data<ActionData>({ errors: { quartiereId: "errors.quartiereUnknown" }, values }, { status: 400 });
    if (isCondominiumError(error, "too_many_condominiums")) return data<ActionData>({ errors: { form: "errors.tooManyCondominiums" }, values }, { status: 429 });
    throw error;
  }
}

export default function NewCondominium() {
  const { quartieri, municipi } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation("condominium");
  const navigation = useNavigation();
  return (
    <div className="container py-5">
      <div className="row">
        <div className="col-12 col-lg-8">
          <p>
            <Link to="/condominiums">{t("page.back")}</Link>
          </p>
          <h1>{t("create.heading")}</h1>
          <p className="lead">{t("create.lead")}</p>
          <CreateCondominiumForm
            quartieri={quartieri}
            municipi={municipi}
            errors={result?.errors}
            values={result?.values}
            submitting={navigation.state === "submitting"}
          />
        </div>
      </div>
    </div>
  );
}

export { CondominiumErrorBoundary as ErrorBoundary };
