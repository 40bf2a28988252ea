import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountField, EmailField, FormErrorSummary, NewPasswordField, useClearedPasswords } from "~/components/AccountForm";
import { CsrfInput } from "~/components/CsrfInput";
import { FieldError, errorId } from "~/components/FieldError";
import { isAccountError } from "~/domain/accounts/account-errors";
import { signUp } from "~/domain/accounts/accounts.server";
import { formValues, parseForm, signUpRoles, signUpSchema, type FieldErrors } from "~/domain/accounts/schemas";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import { getCurrentUser, startSession } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "auth"] };

const isSignUpRole = (value: unknown): value is (typeof signUpRoles)[number] =>
  typeof value === "string" && (signUpRoles as readonly string[]).includes(value);

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getCurrentUser(request, context)) throw redirect("/account");
  const t = await i18nServer.getFixedT(request, "auth");
  const role = new URL(request.url).searchParams.get("role");
  return { title: t("signUp.title"), role: isSignUpRole(role) ? role : "family" };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, data?.title) }];

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const values = formValues(formData);
  // Everything typed comes back on error, except the password.
  const kept = { email: values.email ?? "", displayName: values.displayName ?? "", role: values.role ?? "" };
  const parsed = parseForm(signUpSchema, values);
  if (!parsed.success) return data({ errors: parsed.errors, values: kept }, { status: 400 });

  const locale = await i18nServer.getLocale(request);
  let userId: string;
  try {
    ({ userId } = await signUp(context.db, { ...parsed.data, locale }));
  } catch (error) {
    if (isAccountError(error, "email_taken")) {
      return data({ errors: { email: "errors.email_taken" } as FieldErrors, values: kept }, { status: 400 });
    }
    throw error;
  }
  const cookie = await startSession(request, context, userId);
  const next = parsed.data.role === "family" ? "/account?notice=signed-up" : "/provider/onboarding";
  return redirect(next, { headers: { "Set-Cookie": cookie } });
}

export default function SignUpPage() {
  const { role: initialRole } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const navigation = useNavigation();
  const formRef = useClearedPasswords(result);
  const errors: FieldErrors = result?.errors ?? {};
  const values = result?.values;
  const role = values?.role || initialRole;
  const emailTaken = errors.email === "errors.email_taken";

  return (
    <div className="container py-5">
      <div className="row justify-content-center">
        <div className="col-12 col-md-9 col-lg-6">
          <h1>{t("signUp.heading")}</h1>
          <p className="lead">{t("signUp.lead")}</p>
          <FormErrorSummary show={Object.keys(errors).length > 0} />
          <Form ref={formRef} method="post" className="vc-form" noValidate>
            <CsrfInput />
            <fieldset className="vc-fieldset" aria-describedby={errors.role ? errorId("role") : undefined}>
              <legend className="vc-legend">{t("signUp.roleLegend")}</legend>
              {signUpRoles.map((option) => (
                <div key={option} className="form-check">
                  <input
                    id={`role-${option}`}
                    name="role"
                    type="radio"
                    value={option}
                    defaultChecked={role === option}
                    aria-describedby={`role-${option}-hint`}
                  />
                  <label htmlFor={`role-${option}`} className="vc-check-label">
                    {t(`signUp.roles.${option}.label`)}
                  </label>
                  <p id={`role-${option}-hint`} className="vc-hint ms-4">
                    {t(`signUp.roles.${option}.hint`)}
                  </p>
                </div>
              ))}
              <FieldError field="role" messageKey={errors.role} ns="auth" />
            </fieldset>
            <AccountField
              name="displayName"
              label={t("fields.displayName")}
              hint={t("signUp.displayNameHint")}
              autoComplete="name"
              required
              maxLength={100}
              defaultValue={values?.displayName}
              error={errors.displayName}
            />
            <EmailField defaultValue={values?.email} error={errors.email} />
            {emailTaken ? (
              <p className="vc-hint">
                <Link to="/login">{t("signUp.signInInstead")}</Link> · <Link to="/forgot-password">{t("signIn.forgot")}</Link>
              </p>
            ) : null}
            <NewPasswordField error={errors.password} />
            <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
              {t("signUp.submit")}
            </button>
          </Form>
          <p className="mt-4">
            {t("signUp.haveAccount")} <Link to="/login">{t("signUp.signInLink")}</Link>
          </p>
        </div>
      </div>
    </div>
  );
}
