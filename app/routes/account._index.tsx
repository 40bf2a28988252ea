import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountField, FormErrorSummary, Notice } from "~/components/AccountForm";
import { CsrfInput } from "~/components/CsrfInput";
import { FieldError, errorAttributes } from "~/components/FieldError";
import { isAccountError } from "~/domain/accounts/account-errors";
import { getAccount, resendVerification, updateProfile } from "~/domain/accounts/accounts.server";
import { formValues, parseForm, profileSchema, type FieldErrors } from "~/domain/accounts/schemas";
import { supportedLanguages } from "~/i18n/config";
import { formatDate, formatList } from "~/i18n/format";
import { i18nServer, languageCookie } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import { requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "auth", "account"] };

const notices = ["signed-up", "email-verified", "saved", "verification-sent", "too-many-emails"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const [account, t] = await Promise.all([getAccount(context.db, user.id), i18nServer.getFixedT(request, "account")]);
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    title: t("meta.title"),
    account,
    notice: (notices as readonly string[]).includes(notice ?? "") ? notice : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "robots", content: "noindex" },
];

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const values = formValues(formData);

  if (values.intent === "resend-verification") {
    try {
      const { sent } = await resendVerification(context.db, user.id);
      return redirect(sent ? "/account?notice=verification-sent" : "/account?notice=email-verified");
    } catch (error) {
      if (isAccountError(error, "too_many_emails")) return redirect("/account?notice=too-many-emails");
      throw error;
    }
  }

  const kept = { displayName: values.displayName ?? "", locale: values.locale ?? "" };
  const parsed = parseForm(profileSchema, values);
  if (!parsed.success) return data({ errors: parsed.errors, values: kept }, { status: 400 });
  const saved = await updateProfile(context.db, user.id, parsed.data);
  // The interface switches to the language just chosen.
  const cookie = await languageCookie.serialize(saved.locale, { secure: new URL(request.url).protocol === "https:" });
  return redirect("/account?notice=saved", { headers: { "Set-Cookie": cookie } });
}

export default function AccountPage() {
  const { account, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["account", "auth", "common"]);
  const navigation = useNavigation();
  const errors: FieldErrors = result?.errors ?? {};
  const values = result?.values;
  const noticeTone = notice === "too-many-emails" ? "warning" : "success";

  return (
    <div className="container py-5">
      <div className="row">
        <div className="col-12 col-lg-8">
          <h1>{t("heading")}</h1>
          {result ? null : <Notice text={notice ? t(`notices.${notice}`) : null} tone={noticeTone} />}

          {account.emailVerified ? null : (
            <section className="callout warning mb-4" aria-labelledby="verify-heading">
              <h2 id="verify-heading" className="h5">
                {t("verification.heading")}
              </h2>
              <p>{t("verification.text", { email: account.email })}</p>
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="intent" value="resend-verification" />
                <button type="submit" className="btn btn-outline-primary btn-sm">
                  {t("verification.resend")}
                </button>
              </Form>
            </section>
          )}

          <section className="mb-5" aria-labelledby="profile-heading">
            <h2 id="profile-heading" className="h3">
              {t("profile.heading")}
            </h2>
            <dl className="vc-facts">
              <div>
                <dt>{t("profile.email")}</dt>
                <dd>{account.email}</dd>
              </div>
              <div>
                <dt>{t("profile.roles")}</dt>
                <dd>{formatList(account.roles.map((role) => t(`roles.${role}`)), i18n.language)}</dd>
              </div>
              <div>
                <dt>{t("profile.memberSince")}</dt>
                <dd>{formatDate(account.createdAt, i18n.language)}</dd>
              </div>
            </dl>
            <FormErrorSummary show={Object.keys(errors).length > 0} />
            <Form method="post" className="vc-form" noValidate>
              <CsrfInput />
              <input type="hidden" name="intent" value="profile" />
              <AccountField
                name="displayName"
                label={t("auth:fields.displayName")}
                autoComplete="name"
                required
                maxLength={100}
                defaultValue={values?.displayName ?? account.displayName}
                error={errors.displayName}
              />
              <div className="select-wrapper form-group">
                <label htmlFor="locale">{t("profile.language")}</label>
                <select
                  id="locale"
                  name="locale"
                  defaultValue={values?.locale || account.locale}
                  {...errorAttributes("locale", errors.locale, ["locale-hint"])}
                >
                  {supportedLanguages.map((lng) => (
                    <option key={lng} value={lng} lang={lng}>
                      {t(`common:uiLanguages.${lng}`)}
                    </option>
                  ))}
                </select>
                <p id="locale-hint" className="vc-hint">
                  {t("profile.languageHint")}
                </p>
                <FieldError field="locale" messageKey={errors.locale} ns="auth" />
              </div>
              <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
                {t("profile.save")}
              </button>
            </Form>
          </section>

          <section className="mb-5" aria-labelledby="data-heading">
            <h2 id="data-heading" className="h3">
              {t("data.heading")}
            </h2>
            <p>{t("data.text")}</p>
            <p>
              <a href="/account/export" download className="btn btn-outline-primary">
                {t("data.download")}
              </a>
            </p>
          </section>

          <section className="mb-5" aria-labelledby="delete-heading">
            <h2 id="delete-heading" className="h3">
              {t("delete.heading")}
            </h2>
            <p>{t("delete.text")}</p>
            <p>
              <Link to="/account/delete" className="btn btn-outline-danger">
                {t("delete.link")}
              </Link>
            </p>
          </section>

          <section aria-labelledby="signout-heading">
            <h2 id="signout-heading" className="h3">
              {t("signOut.heading")}
            </h2>
            <Form method="post" action="/logout">
              <CsrfInput />
              <button type="submit" className="btn btn-secondary">
                {t("auth:signOut.submit")}
              </button>
            </Form>
          </section>
        </div>
      </div>
    </div>
  );
}
