import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { TextAreaField } from "~/components/TextAreaField";
import { OperatorErrorBoundary, operatorMeta } from "~/components/OperatorErrorBoundary";
import { Pagination } from "~/components/Pagination";
import { ReviewCard } from "~/components/reviews/ReviewCard";
import { UnshownErrors } from "~/components/UnshownErrors";
import { listReviewsForOperator, operatorReviewFilters, type OperatorReviewFilter } from "~/domain/reviews/operator-reviews.server";
import { MAX_HIDE_REASON_LENGTH, type ReviewFieldErrors } from "~/domain/reviews/review-forms";
import { isReviewError, type ReviewErrorCode } from "~/domain/reviews/review-errors";
import { setReviewVisibility } from "~/domain/reviews/review-visibility.server";
import { assertVerifier } from "~/domain/verification/operator-access.server";
import { i18nServer } from "~/i18n/i18next.server";
import conversationStyles from "~/styles/conversations.css";
import operatorStyles from "~/styles/operator.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "operator", "review"] };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: operatorStyles },
  { rel: "stylesheet", href: conversationStyles },
];

function queryOf(url: URL): { page: number; filter: OperatorReviewFilter } {
  const page = Number(url.searchParams.get("page"));
  const filter = operatorReviewFilters.find((f) => f === url.searchParams.get("filter")) ?? "all";
  return { page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1, filter };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const list = await forbiddenOnAuthorisationError(() => listReviewsForOperator(context.db, user, queryOf(new URL(request.url))));
  const t = await i18nServer.getFixedT(request, "review");
  return { list, title: t("operator.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => operatorMeta(matches, error, data?.title);

type ActionData = { reviewId: string; errors: ReviewFieldErrors; reason: string; refusal?: ReviewErrorCode };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  await forbiddenOnAuthorisationError(async () => assertVerifier(user));
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const intent = formData.get("intent");
  const reviewId = String(formData.get("reviewId") ?? "");
  const reason = String(formData.get("reason") ?? "");
  if ((intent !== "hide" && intent !== "unhide") || !reviewId) {
    return data<ActionData>({ reviewId, errors: { _form: "errors.unknownAction" }, reason }, { status: 400 });
  }
  try {
    const result = await forbiddenOnAuthorisationError(() => setReviewVisibility(context.db, user, { reviewId, action: intent, reason }));
    if (!result) throw new Response(null, { status: 404 });
    if (!result.ok) return data<ActionData>({ reviewId, errors: result.errors, reason }, { status: 400 });
  } catch (error) {
    if (!isReviewError(error)) throw error;
    return data<ActionData>({ reviewId, errors: {}, reason, refusal: error.code }, { status: 409 });
  }
  const back = new URL(request.url);
  back.searchParams.set("done", intent);
  return redirect(`/operator/reviews${back.search}#review-${reviewId}`, 303);
}

function unshownErrors(actionData: ActionData | undefined, items: ReadonlyArray<{ id: string; hidden: unknown }>): string[] {
  if (!actionData) return [];
  const target = items.find((review) => review.id === actionData.reviewId);
  const fieldErrors = Object.entries(actionData.errors).filter(([field]) => field !== "_form").map(([, key]) => key!);
  return [...(target && !target.hidden ? [] : fieldErrors), ...(!target && actionData.refusal ? [`refusals.${actionData.refusal}`] : [])];
}

export default function OperatorReviewsPage() {
  const { list, title } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t, i18n } = useTranslation(["review", "common"]);
  const locale = i18n.language;
  const [searchParams] = useSearchParams();
  const done = actionData ? null : searchParams.get("done");
  const hrefFor = (page: number, filter = list.filter) => `/operator/reviews?${new URLSearchParams({ ...(filter !== "all" ? { filter } : {}), ...(page > 1 ? { page: String(page) } : {}) })}`;

  return (
    <div className="container py-4">
      <p>
        <Link to="/operator">{t("operator.backToOperator")}</Link>
      </p>
      <h1 className="mb-2">{title}</h1>
      <p className="lead">{list.isAdmin ? t("operator.leadAdmin") : t("operator.lead")}</p>
      {done === "hide" || done === "unhide" ? (
        <div className="vc-msg-notice" role="status">
          <p className="fw-semibold">{t(done === "hide" ? "operator.hidden" : "operator.unhidden")}</p>
        </div>
      ) : null}
      {actionData?.errors._form ? (
        <div className="vc-msg-warning" role="alert">
          <p>{t(actionData.errors._form)}</p>
        </div>
      ) : null}
      {/* An answer about a review this page does not show with its form (another page of the list, or hidden meanwhile). */}
      <UnshownErrors ns="review" errors={unshownErrors(actionData, list.items)} />

      <nav aria-label={t("operator.filters.label")} className="mb-3">
        <ul className="list-inline mb-0">
          {operatorReviewFilters.map((filter) => (
            <li key={filter} className="list-inline-item">
              <Link to={hrefFor(1, filter)} aria-current={filter === list.filter ? "page" : undefined} className={filter === list.filter ? "fw-bold" : undefined}>
                {t(`operator.filters.${filter}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {list.items.length === 0 ? (
        <p>{t("operator.empty")}</p>
      ) : (
        <ul className="vc-reviews">
          {list.items.map((review) => {
            const mine = actionData?.reviewId === review.id ? actionData : undefined;
            const fieldId = `reason-${review.id}`;
            return (
              <li key={review.id}>
                <ReviewCard
                  review={review}
                  locale={locale}
                  headingLevel={2}
                  title={t("operator.reviewTitle", {
                    name: review.providerName,
                    quartiere: review.quartiereName ?? "—",
                    date: new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "Europe/Rome" }).format(new Date(review.createdAt)),
                  })}
                >
                  <p className="small mb-1">
                    <Link to={`/operator/providers/${review.providerId}`}>{t("operator.providerLink", { name: review.providerName })}</Link>
                  </p>
                  {mine?.refusal ? (
                    <p className="vc-field-error" role="alert">
                      {t(`refusals.${mine.refusal}`)}
                    </p>
                  ) : null}
                  {review.hidden ? (
                    <Form method="post" className="vc-inline-form">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="unhide" />
                      <input type="hidden" name="reviewId" value={review.id} />
                      <button type="submit" className="btn btn-outline-primary btn-sm">
                        {t("operator.unhide")}
                      </button>
                    </Form>
                  ) : (
                    <Form method="post" className="vc-form vc-inline-form" noValidate>
                      <CsrfInput />
                      <input type="hidden" name="intent" value="hide" />
                      <input type="hidden" name="reviewId" value={review.id} />
                      <TextAreaField
                        id={fieldId}
                        name="reason"
                        label={t("operator.reasonLabel")}
                        hint={t("operator.reasonHint")}
                        error={mine?.errors.reason}
                        ns="review"
                        className="form-group mb-2"
                        rows={2}
                        maxLength={MAX_HIDE_REASON_LENGTH}
                        defaultValue={mine?.reason ?? ""}
                      />
                      <button type="submit" className="btn btn-outline-danger btn-sm">
                        {t("operator.hide")}
                      </button>
                    </Form>
                  )}
                </ReviewCard>
              </li>
            );
          })}
        </ul>
      )}
      <Pagination page={list.page} totalPages={Math.ceil(list.total / list.pageSize)} hrefFor={(p) => hrefFor(p)} />
    </div>
  );
}

export { OperatorErrorBoundary as ErrorBoundary };
