import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isAccountError } from "~/domain/accounts/account-errors";
import { verifyEmail } from "~/domain/accounts/accounts.server";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import { getCurrentUser } from "~/utils/auth.server";

export const handle = { i18n: ["common", "auth"] };

/** The page's address carries a one-time token: the loader's no-store header applies to it. */
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

/** The link in the verification e-mail: used once, then the person lands on their account or sign-in. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  try {
    await verifyEmail(context.db, token);
  } catch (error) {
    if (!isAccountError(error)) throw error;
    const t = await i18nServer.getFixedT(request, "auth");
    const user = await getCurrentUser(request, context);
    const code = ["token_expired", "token_used"].includes(error.code) ? error.code : "token_invalid";
    return data(
      { title: t("verify.title"), error: `errors.${code}`, signedIn: user !== null, verified: user?.emailVerified ?? false },
      { status: 400, headers: { "Cache-Control": "no-store" } },
    );
  }
  const user = await getCurrentUser(request, context);
  return redirect(user ? "/account?notice=email-verified" : "/login?notice=email-verified");
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "robots", content: "noindex" },
];

export default function VerifyEmailPage() {
  const { error, signedIn, verified } = useLoaderData<typeof loader>();
  const { t } = useTranslation("auth");
  return (
    <div className="container py-5">
      <div className="row justify-content-center">
        <div className="col-12 col-md-9 col-lg-6">
          <h1>{t("verify.heading")}</h1>
          <div className="alert alert-warning" role="alert">
            <p className="mb-0">{t(error)}</p>
          </div>
          {verified ? (
            <p>{t("verify.alreadyVerified")}</p>
          ) : signedIn ? (
            <p>
              {t("verify.resendFromAccount")} <Link to="/account">{t("verify.accountLink")}</Link>
            </p>
          ) : (
            <p>
              {t("verify.signInToResend")} <Link to="/login?redirectTo=%2Faccount">{t("verify.signInLink")}</Link>
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
