import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NeedForm } from "~/components/sharing/NeedForm";
import { SharingErrorBoundary } from "~/components/sharing/SharingErrorBoundary";
import { emptyNeedRaw, needRawFromForm, type FieldErrors, type NeedRaw } from "~/domain/sharing/need-schemas";
import { needFormOptions, postNeed } from "~/domain/sharing/needs.server";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import sharingStyles from "~/styles/sharing.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "sharing", "booking"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: sharingStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const options = await forbiddenOnAuthorisationError(() => needFormOptions(context.db, user));
  const t = await i18nServer.getFixedT(request, "sharing");
  // From a condominium's page: that condominium preselected (if it is one of theirs).
  const wanted = new URL(request.url).searchParams.get("condominium") ?? "";
  const condominium = options.condominiums.find((c) => c.id === wanted);
  return { ...options, title: t("new.title"), initial: emptyNeedRaw({ condominiumId: condominium?.id ?? "" }) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "robots", content: "noindex" },
];

type ActionData = { errors: FieldErrors; values: NeedRaw };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const raw = needRawFromForm(formData);
  const result = await forbiddenOnAuthorisationError(() => postNeed(context.db, user, raw));
  if (!result.ok) return data<ActionData>({ errors: result.errors, values: raw }, { status: 400 });
  return redirect(`/needs/${result.needId}?notice=${result.approximateLocation ? "postedApproximate" : "posted"}`, 303);
}

export default function NewNeed() {
  const { quartieri, municipi, condominiums, initial } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation("sharing");
  const navigation = useNavigation();
  return (
    <div className="container py-5">
      <div className="row">
        <div className="col-12 col-lg-9">
          <p>
            <Link to="/needs">{t("page.backToNeeds")}</Link>
          </p>
          <h1>{t("new.title")}</h1>
          <p className="lead">{t("new.lead")}</p>
          <NeedForm
            values={result?.values ?? initial}
            errors={result?.errors}
            quartieri={quartieri}
            municipi={municipi}
            condominiums={condominiums}
            submitting={navigation.state === "submitting"}
            submitLabel={t("new.submit")}
            cancelTo="/needs"
          />
        </div>
      </div>
    </div>
  );
}

export { SharingErrorBoundary as ErrorBoundary };
