import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmailField, FormErrorSummary } from "~/components/AccountForm";
import { CsrfInput } from "~/components/CsrfInput";
import { requestPasswordReset } from "~/domain/accounts/accounts.server";
import { forgotPasswordSchema, formValues, parseForm, type FieldErrors } from "~/domain/accounts/schemas";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "auth"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18nServer.getFixedT(request, "auth");
  return { title: t("forgot.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, data?.title) }];

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const values = formValues(formData);
  const parsed = parseForm(forgotPasswordSchema, values);
  if (!parsed.success) return data({ errors: parsed.errors, sentTo: null, email: values.email ?? "" }, { status: 400 });
  // The same answer whether or not the address has an account.
  await requestPasswordReset(context.db, parsed.data);
  return { errors: {} as FieldErrors, sentTo: parsed.data.email, email: parsed.data.email };
}

export default function ForgotPasswordPage() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const navigation = useNavigation();
  const errors: FieldErrors = result?.errors ?? {};

  return (
    <div className="container py-5">
      <div className="row justify-content-center">
        <div className="col-12 col-md-9 col-lg-6">
          <h1>{t("forgot.heading")}</h1>
          {result?.sentTo ? (
            <div className="alert alert-success" role="status">
              <p className="mb-0">{t("forgot.sent", { email: result.sentTo })}</p>
            </div>
          ) : (
            <p className="lead">{t("forgot.lead")}</p>
          )}
          <FormErrorSummary show={Object.keys(errors).length > 0} />
          <Form method="post" className="vc-form" noValidate>
            <CsrfInput />
            <EmailField defaultValue={result?.email} error={errors.email} />
            <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
              {result?.sentTo ? t("forgot.sendAgain") : t("forgot.submit")}
            </button>
          </Form>
          <p className="mt-4">
            <Link to="/login">{t("forgot.backToSignIn")}</Link>
          </p>
        </div>
      </div>
    </div>
  );
}
