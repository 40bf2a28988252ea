import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountField, FormErrorSummary, useClearedPasswords } from "~/components/AccountForm";
import { CsrfInput } from "~/components/CsrfInput";
import { FieldError, errorAttributes } from "~/components/FieldError";
import { isAccountError } from "~/domain/accounts/account-errors";
import { deleteAccount } from "~/domain/accounts/gdpr.server";
import { deleteAccountSchema, formValues, parseForm, type FieldErrors } from "~/domain/accounts/schemas";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import { endSession, getCurrentUser, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";

export const handle = { i18n: ["common", "auth", "account"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const t = await i18nServer.getFixedT(request, "account");
  // After the deletion the person is signed out: the confirmation page needs no account.
  if (new URL(request.url).searchParams.get("done") === "1" && !(await getCurrentUser(request, context))) {
    return { title: t("deletePage.doneTitle"), done: true };
  }
  await requireUser(request, context);
  return { title: t("deletePage.title"), done: false };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "robots", content: "noindex" },
];

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await request.formData();
  assertValidCsrf(formData, context);
  const parsed = parseForm(deleteAccountSchema, formValues(formData));
  if (!parsed.success) return data({ errors: parsed.errors }, { status: 400 });
  try {
    await deleteAccount(context.db, user.id, { password: parsed.data.password });
  } catch (error) {
    if (isAccountError(error, "wrong_password")) {
      return data({ errors: { password: "errors.wrong_password" } as FieldErrors }, { status: 400 });
    }
    throw error;
  }
  const cookie = await endSession(request, context);
  return redirect("/account/delete?done=1", { headers: { "Set-Cookie": cookie } });
}

export default function DeleteAccountPage() {
  const { done } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation(["account", "auth"]);
  const navigation = useNavigation();
  const formRef = useClearedPasswords(result);
  const errors: FieldErrors = result?.errors ?? {};

  if (done) {
    return (
      <div className="container py-5">
        <h1>{t("deletePage.doneHeading")}</h1>
        <div className="alert alert-success" role="status">
          <p className="mb-0">{t("deletePage.doneText")}</p>
        </div>
        <p>
          <Link to="/">{t("common:errorPage.backHome")}</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="container py-5">
      <div className="row">
        <div className="col-12 col-lg-8">
          <h1>{t("deletePage.heading")}</h1>
          <p className="lead">{t("deletePage.lead")}</p>
          <h2 className="h5">{t("deletePage.removedHeading")}</h2>
          <ul>
            {(["account", "roles", "sessions", "profiles"] as const).map((item) => (
              <li key={item}>{t(`deletePage.removed.${item}`)}</li>
            ))}
          </ul>
          <h2 className="h5">{t("deletePage.keptHeading")}</h2>
          <ul>
            {(["history", "placeholder"] as const).map((item) => (
              <li key={item}>{t(`deletePage.kept.${item}`)}</li>
            ))}
          </ul>
          <p>
            {t("deletePage.exportFirst")} <a href="/account/export" download>{t("data.download")}</a>
          </p>
          <FormErrorSummary show={Object.keys(errors).length > 0} />
          <Form ref={formRef} method="post" className="vc-form" noValidate>
            <CsrfInput />
            <AccountField
              name="password"
              type="password"
              label={t("deletePage.password")}
              autoComplete="current-password"
              required
              error={errors.password}
            />
            <div className="form-check mb-3">
              <input id="confirm" name="confirm" type="checkbox" value="yes" {...errorAttributes("confirm", errors.confirm)} />
              <label htmlFor="confirm" className="vc-check-label">
                {t("deletePage.confirm")}
              </label>
              <FieldError field="confirm" messageKey={errors.confirm} ns="auth" />
            </div>
            <button type="submit" className="btn btn-danger me-3" disabled={navigation.state === "submitting"}>
              {t("deletePage.submit")}
            </button>
            <Link to="/account">{t("deletePage.cancel")}</Link>
          </Form>
        </div>
      </div>
    </div>
  );
}
