import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import condominiumStyles from "~/components/condominiums/condominiums.css";
import { CondominiumErrorBoundary } from "~/components/condominiums/CondominiumErrorBoundary";
import { JoinForm } from "~/components/condominiums/JoinForm";
import { isCondominiumError } from "~/domain/sharing/condominiums/condominium-errors";
import { joinCondominium } from "~/domain/sharing/condominiums/condominiums.server";
import { formatInviteCode, normaliseInviteCode } from "~/domain/sharing/condominiums/invite-code";
import { formValues, joinCondominiumSchema, parseForm, type FieldErrors } from "~/domain/sharing/condominiums/schemas";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import { forbiddenOnAuthorisationError, getCurrentUser, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "condominium", "auth"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: condominiumStyles }];

/** Reached by typing the code, or from the poster's QR code as /condominiums/join?code=ABCD-EFGH. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const [user, t] = await Promise.all([getCurrentUser(request, context), i18nServer.getFixedT(request, "condominium")]);
  const typed = (url.searchParams.get("code") ?? "").slice(0, 64);
  const valid = normaliseInviteCode(typed);
  return {
    title: t("meta.join"),
    signedIn: user !== null,
    // A code from the QR link, shown the way it is printed; anything else is only put back in the field.
    code: valid ? formatInviteCode(valid) : typed,
    codeIsValid: valid !== null,
    loginHref: `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "robots", content: "noindex" },
];

type ActionData = { errors: FieldErrors; values: { code: string; unitLabel: string } };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const raw = formValues(formData);
  const values = { code: raw.code ?? "", unitLabel: raw.unitLabel ?? "" };
  const parsed = parseForm(joinCondominiumSchema, raw);
  if (!parsed.success) return data<ActionData>({ errors: parsed.errors, values }, { status: 400 });
  try {
    const joined = await forbiddenOnAuthorisationError(() => joinCondominium(context.db, user, parsed.data));
    return redirect(`/condominiums/${joined.condominiumId}?notice=${joined.alreadyMember ? "alreadyMember" : "joined"}`, 303);
  } catch (error) {
    if (isCondominiumError(error, "code_unknown")) return data<ActionData>({ errors: { code: "errors.codeUnknown" }, values }, { status: 400 });
    throw error;
  }
}

export default function JoinCondominium() {
  const { signedIn, code, codeIsValid, loginHref } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation("condominium");
  const navigation = useNavigation();
  return (
    <div className="container py-5">
      <div className="row">
        <div className="col-12 col-lg-7">
          <h1>{t("join.heading")}</h1>
          {signedIn ? (
            <>
              <p className="lead">{t("join.lead")}</p>
              <JoinForm errors={result?.errors} values={result?.values ?? { code }} submitting={navigation.state === "submitting"} />
            </>
          ) : (
            <section aria-labelledby="sign-in-heading">
              <h2 id="sign-in-heading" className="h4">
                {t("join.signInHeading")}
              </h2>
              <p>{t("join.signInText")}</p>
              {codeIsValid ? <p>{t("join.codeReceived", { code })}</p> : null}
              <p>
                <Link to={loginHref} className="btn btn-primary me-2">
                  {t("join.signIn")}
                </Link>
                <Link to="/signup" className="btn btn-outline-primary">
                  {t("join.signUp")}
                </Link>
              </p>
            </section>
          )}
        </div>
      </div>
    </div>
  );
}

export { CondominiumErrorBoundary as ErrorBoundary };
