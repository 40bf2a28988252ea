import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountField, EmailField, FormErrorSummary, Notice, useClearedPasswords } from "~/components/AccountForm";
import { CsrfInput } from "~/components/CsrfInput";
import { isAccountError } from "~/domain/accounts/account-errors";
import { signIn } from "~/domain/accounts/accounts.server";
import { formValues, parseForm, signInSchema, type FieldErrors } from "~/domain/accounts/schemas";
import { i18nServer, languageCookie } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import { endSession, getCurrentUser, startSession } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "auth"] };

const notices = ["signed-out", "password-reset", "email-verified", "verify-then-sign-in"] as const;
const DEFAULT_AFTER_SIGN_IN = "/account";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"), DEFAULT_AFTER_SIGN_IN);
  if (await getCurrentUser(request, context)) throw redirect(redirectTo);
  const t = await i18nServer.getFixedT(request, "auth");
  const notice = url.searchParams.get("notice");
  return {
    title: t("signIn.title"),
    redirectTo,
    notice: (notices as readonly string[]).includes(notice ?? "") ? t(`notices.${notice}`) : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, data?.title) }];

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const values = formValues(formData);
  const kept = { email: values.email ?? "" };
  const redirectTo = safeRedirect(values.redirectTo, DEFAULT_AFTER_SIGN_IN);
  const parsed = parseForm(signInSchema, values);
  if (!parsed.success) return data({ errors: parsed.errors, formError: null, minutes: 0, values: kept }, { status: 400 });

  try {
    const { userId, locale } = await signIn(context.db, { ...parsed.data, ip: context.clientIp });
    const url = new URL(request.url);
    const headers = new Headers();
    await endSession(request, context); // a previous session in this browser ends here
    headers.append("Set-Cookie", await startSession(request, context, userId));
    // The interface follows the language saved in the account.
    headers.append("Set-Cookie", await languageCookie.serialize(locale, { secure: url.protocol === "https:" }));
    return redirect(redirectTo, { headers });
  } catch (error) {
    if (isAccountError(error, "invalid_credentials")) {
      return data({ errors: {} as FieldErrors, formError: "errors.invalid_credentials", minutes: 0, values: kept }, { status: 400 });
    }
    if (isAccountError(error, "locked_out")) {
      const minutes = Math.max(1, Math.ceil(((error.details.lockedUntil?.getTime() ?? Date.now()) - Date.now()) / 60_000));
      return data({ errors: {} as FieldErrors, formError: "errors.locked_out", minutes, values: kept }, { status: 429 });
    }
    throw error;
  }
}

export default function SignInPage() {
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const navigation = useNavigation();
  const formRef = useClearedPasswords(result);
  const errors: FieldErrors = result?.errors ?? {};
  const formError = result?.formError ? t(result.formError, { count: result.minutes }) : undefined;

  return (
    <div className="container py-5">
      <div className="row justify-content-center">
        <div className="col-12 col-md-9 col-lg-6">
          <h1>{t("signIn.heading")}</h1>
          {result ? null : <Notice text={notice} />}
          <FormErrorSummary show={Boolean(formError) || Object.keys(errors).length > 0} message={formError}>
            {result?.formError === "errors.locked_out" ? (
              <p className="mb-0 mt-2">
                <Link to="/forgot-password">{t("signIn.resetToUnlock")}</Link>
              </p>
            ) : null}
          </FormErrorSummary>
          <Form ref={formRef} method="post" className="vc-form" noValidate>
            <CsrfInput />
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <EmailField purpose="username" defaultValue={result?.values.email} error={errors.email} />
            <AccountField
              name="password"
              type="password"
              label={t("fields.password")}
              autoComplete="current-password"
              required
              error={errors.password}
            />
            <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
              {t("signIn.submit")}
            </button>
          </Form>
          <p className="mt-4">
            <Link to="/forgot-password">{t("signIn.forgot")}</Link>
          </p>
          <p>
            {t("signIn.noAccount")} <Link to="/signup">{t("signIn.signUpLink")}</Link>
          </p>
        </div>
      </div>
    </div>
  );
}
