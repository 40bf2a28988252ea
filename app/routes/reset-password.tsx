import type { HeadersFunction, ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrorSummary, NewPasswordField, useClearedPasswords } from "~/components/AccountForm";
import { CsrfInput } from "~/components/CsrfInput";
import { isAccountError } from "~/domain/accounts/account-errors";
import { checkResetLink, resetPassword } from "~/domain/accounts/accounts.server";
import { formValues, parseForm, resetPasswordSchema, type FieldErrors } from "~/domain/accounts/schemas";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import { endSession } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "auth"] };

/** The page's address carries a one-time token: the loader's no-store header applies to it. */
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const t = await i18nServer.getFixedT(request, "auth");
  const status = await checkResetLink(context.db, token);
  return data(
    { title: t("reset.title"), token: status === "ok" ? token : "", linkError: status === "ok" ? null : `errors.${status}` },
    // The token is in the address: keep it out of caches. (Other sites never see it in the
    // Referer: the site-wide policy is strict-origin-when-cross-origin. "no-referrer" here would
    // make browsers send `Origin: null` with the form, which Remix refuses as cross-site.)
    { headers: { "Cache-Control": "no-store" } },
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "robots", content: "noindex" },
];

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const values = formValues(formData);
  const parsed = parseForm(resetPasswordSchema, values);
  if (!parsed.success) {
    const linkError = parsed.errors.token ? "errors.token_invalid" : null;
    return data({ errors: parsed.errors, linkError }, { status: 400 });
  }
  try {
    await resetPassword(context.db, parsed.data);
  } catch (error) {
    if (isAccountError(error, "password_is_email")) {
      return data({ errors: { password: "errors.passwordIsEmail" } as FieldErrors, linkError: null }, { status: 400 });
    }
    if (isAccountError(error) && ["token_invalid", "token_used", "token_expired"].includes(error.code)) {
      return data({ errors: {} as FieldErrors, linkError: `errors.${error.code}` }, { status: 400 });
    }
    throw error;
  }
  // Every session of the account has ended; this browser's cookie goes too.
  const cookie = await endSession(request, context);
  return redirect("/login?notice=password-reset", { headers: { "Set-Cookie": cookie } });
}

export default function ResetPasswordPage() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const navigation = useNavigation();
  const formRef = useClearedPasswords(result);
  const errors: FieldErrors = result?.errors ?? {};
  const linkError = result?.linkError ?? loaded.linkError;

  return (
    <div className="container py-5">
      <div className="row justify-content-center">
        <div className="col-12 col-md-9 col-lg-6">
          <h1>{t("reset.heading")}</h1>
          {linkError ? (
            <>
              <div className="alert alert-warning" role="alert">
                <p className="mb-0">{t(linkError)}</p>
              </div>
              <p>
                <Link to="/forgot-password">{t("reset.requestNew")}</Link>
              </p>
            </>
          ) : (
            <>
              <p className="lead">{t("reset.lead")}</p>
              <FormErrorSummary show={Object.keys(errors).length > 0} />
              <Form ref={formRef} method="post" className="vc-form" noValidate>
                <CsrfInput />
                <input type="hidden" name="token" value={loaded.token} />
                <NewPasswordField error={errors.password} />
                <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
                  {t("reset.submit")}
                </button>
              </Form>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
