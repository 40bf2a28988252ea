import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AccountField, FormErrorSummary, useClearedPasswords } from "~/components/AccountForm";
import { CsrfInput } from "~/components/CsrfInput";
import { FieldError, errorAttributes } from "~/components/FieldError";
import { isAccountError } from "~/domain/accounts/account-errors";
import { bookingsBlockingErasure, deleteAccount, isErasureBlockedError, type ErasureBlocker } from "~/domain/accounts/gdpr.server";
import { formatDay } from "~/domain/bookings/describe-schedule";
import { deleteAccountSchema, formValues, parseForm, type FieldErrors } from "~/domain/accounts/schemas";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import { endSession, getCurrentUser, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "auth", "account", "booking"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const t = await i18nServer.getFixedT(request, "account");
  // After the deletion the person is signed out: the confirmation page needs no account.
  if (new URL(request.url).searchParams.get("done") === "1" && !(await getCurrentUser(request, context))) {
    return { title: t("deletePage.doneTitle"), done: true, blocked: [] as ErasureBlocker[] };
  }
  const user = await requireUser(request, context);
  // Open bookings stop the deletion: said before anything is typed.
  return { title: t("deletePage.title"), done: false, blocked: await bookingsBlockingErasure(context.db, user.id) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "robots", content: "noindex" },
];

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const parsed = parseForm(deleteAccountSchema, formValues(formData));
  if (!parsed.success) return data({ errors: parsed.errors, blocked: null }, { status: 400 });
  try {
    await deleteAccount(context.db, user.id, { password: parsed.data.password });
  } catch (error) {
    if (isAccountError(error, "wrong_password")) {
      return data({ errors: { password: "errors.wrong_password" } as FieldErrors, blocked: null }, { status: 400 });
    }
    // Nothing was changed; the form keeps what was typed (see the component).
    if (isErasureBlockedError(error)) return data({ errors: {} as FieldErrors, blocked: error.bookings }, { status: 409 });
    throw error;
  }
  const cookie = await endSession(request, context);
  return redirect("/account/delete?done=1", { headers: { "Set-Cookie": cookie } });
}

export default function DeleteAccountPage() {
  const { done, blocked: blockedOnLoad } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation(["account", "auth"]);
  const navigation = useNavigation();
  const refusedForBookings = !!result?.blocked;
  // A refusal for open bookings keeps the password typed (it was right); other errors empty it.
  const formRef = useClearedPasswords(refusedForBookings ? null : result);
  const errors: FieldErrors = result?.errors ?? {};
  const blocked = result?.blocked ?? blockedOnLoad;

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
          {blocked.length > 0 ? <OpenBookings bookings={blocked} announce={refusedForBookings} /> : null}
          <h2 className="h5">{t("deletePage.removedHeading")}</h2>
          <ul>
            {(["account", "roles", "sessions", "bookings", "texts", "needs", "places", "profiles"] as const).map((item) => (
              <li key={item}>{t(`deletePage.removed.${item}`)}</li>
            ))}
          </ul>
          <h2 className="h5">{t("deletePage.keptHeading")}</h2>
          <ul>
            {(["history", "records", "placeholder"] as const).map((item) => (
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
              <input
                id="confirm"
                name="confirm"
                type="checkbox"
                value="yes"
                defaultChecked={refusedForBookings}
                {...errorAttributes("confirm", errors.confirm)}
              />
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

/** Why the account cannot be deleted yet: the bookings still open, each linked to its page (where it can be cancelled). */
function OpenBookings({ bookings, announce }: { bookings: ErasureBlocker[]; announce: boolean }) {
  const { t, i18n } = useTranslation(["account", "common", "booking"]);
  const day = (date: string) => formatDay(date, i18n.language);
  return (
    <div className="alert alert-warning" role={announce ? "alert" : undefined}>
      <h2 className="h5">{t("deletePage.blocked.heading")}</h2>
      <p>{t("deletePage.blocked.text")}</p>
      <ul aria-label={t("deletePage.blocked.listLabel")}>
        {bookings.map((b) => (
          <li key={b.bookingId}>
            <Link to={`/bookings/${b.bookingId}`}>
              {t(`common:categories.${b.categorySlug}.name`)},{" "}
              {b.firstDate === b.lastDate ? day(b.firstDate) : t("deletePage.blocked.dates", { from: day(b.firstDate), to: day(b.lastDate) })}
            </Link>
            {" — "}
            {t("deletePage.blocked.itemState", { status: t(`booking:status.${b.status}`), side: t(`deletePage.blocked.as.${b.as}`) })}
          </li>
        ))}
      </ul>
      <p className="mb-0">{t("deletePage.blocked.howTo")}</p>
    </div>
  );
}
