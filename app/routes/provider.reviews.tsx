import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { TextAreaField } from "~/components/TextAreaField";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { LabelledSection } from "~/components/LabelledSection";
import { Pagination } from "~/components/Pagination";
import { RatingSummary } from "~/components/reviews/RatingSummary";
import { ReviewCard } from "~/components/reviews/ReviewCard";
import { UnshownErrors } from "~/components/UnshownErrors";
import { assertActsForSomeProvider, listReviewsForProviderSide } from "~/domain/reviews/provider-reviews.server";
import { replyToReview } from "~/domain/reviews/reply-to-review.server";
import { MAX_REPLY_LENGTH, type ReviewFieldErrors } from "~/domain/reviews/review-forms";
import { isReviewError, type ReviewErrorCode } from "~/domain/reviews/review-errors";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle, rootMetaData } from "~/i18n/meta";
import conversationStyles from "~/styles/conversations.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "review"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: conversationStyles }];

const pageOf = (url: URL) => {
  const page = Number(url.searchParams.get("page"));
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const list = await forbiddenOnAuthorisationError(() => listReviewsForProviderSide(context.db, user, { page: pageOf(new URL(request.url)) }));
  const t = await i18nServer.getFixedT(request, "review");
  return { list, title: t("provider.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => {
  if (error) {
    const titles = rootMetaData(matches)?.titles;
    return [{ title: titles?.error ?? "Vicinato" }, { name: "robots", content: "noindex" }];
  }
  return [{ title: pageTitle(matches, data?.title) }, { name: "robots", content: "noindex" }];
};

type ActionData = { reviewId: string; errors: ReviewFieldErrors; body: string; refusal?: ReviewErrorCode };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  await forbiddenOnAuthorisationError(() => assertActsForSomeProvider(context.db, user));
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const reviewId = String(formData.get("reviewId") ?? "");
  const body = String(formData.get("body") ?? "");
  if (formData.get("intent") !== "reply" || !reviewId) {
    return data<ActionData>({ reviewId, errors: { _form: "errors.unknownAction" }, body }, { status: 400 });
  }
  try {
    const result = await forbiddenOnAuthorisationError(() => replyToReview(context.db, user, { reviewId, body }));
    if (!result) throw new Response(null, { status: 404 });
    if (!result.ok) return data<ActionData>({ reviewId, errors: result.errors, body }, { status: 400 });
  } catch (error) {
    if (!isReviewError(error)) throw error;
    return data<ActionData>({ reviewId, errors: {}, body, refusal: error.code }, { status: 409 });
  }
  return redirect(`/provider/reviews?replied=${encodeURIComponent(reviewId)}#review-${reviewId}`, 303);
}

function unshownErrors(actionData: ActionData | undefined, items: ReadonlyArray<{ id: string; reply: string | null }>): string[] {
  if (!actionData) return [];
  const target = items.find((review) => review.id === actionData.reviewId);
  const fieldErrors = Object.entries(actionData.errors).filter(([field]) => field !== "_form").map(([, key]) => key!);
  return [...(target && target.reply === null ? [] : fieldErrors), ...(!target && actionData.refusal ? [`refusals.${actionData.refusal}`] : [])];
}

export default function ProviderReviewsPage() {
  const { list, title } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t, i18n } = useTranslation(["review", "common"]);
  const locale = i18n.language;
  const [searchParams] = useSearchParams();
  const replied = actionData ? null : searchParams.get("replied");
  const totalPages = Math.ceil(list.total / list.pageSize);

  return (
    <div className="container py-4">
      <p>
        <Link to="/provider">{t("provider.back")}</Link>
      </p>
      <h1 className="mb-2">{title}</h1>
      <p className="lead">{t("provider.lead")}</p>
      {replied ? (
        <div className="vc-msg-notice" role="status">
          <p className="fw-semibold">{t("provider.replied")}</p>
        </div>
      ) : null}
      {actionData?.errors._form ? (
        <div className="vc-msg-warning" role="alert">
          <p>{t(actionData.errors._form)}</p>
        </div>
      ) : null}
      {/* An answer about a review this page does not show with its form (replied meanwhile, or not listed). */}
      <UnshownErrors ns="review" errors={unshownErrors(actionData, list.items)} />

      <LabelledSection headingId="ratings-heading" heading={t("provider.ratingsHeading")}>
        <ul className="list-unstyled mb-0">
          {list.providers.map((p) => (
            <li key={p.id} className="mb-2">
              <span className="fw-semibold">{p.name}</span>
              <RatingSummary average={p.rating.average} count={p.rating.count} locale={locale} className="mb-0" />
            </li>
          ))}
        </ul>
      </LabelledSection>

      <LabelledSection headingId="reviews-heading" heading={t("provider.reviewsHeading")} className={null}>
        {list.items.length === 0 ? (
          <p>{t("provider.empty")}</p>
        ) : (
          <ul className="vc-reviews">
            {list.items.map((review) => {
              const mine = actionData?.reviewId === review.id ? actionData : undefined;
              const fieldId = `reply-${review.id}`;
              return (
                <li key={review.id}>
                  <ReviewCard
                    review={review}
                    locale={locale}
                    title={t("provider.reviewTitle", {
                      name: review.providerName,
                      category: t(`common:categories.${review.categorySlug}.name`, { defaultValue: review.categorySlug }),
                      date: new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "Europe/Rome" }).format(new Date(review.createdAt)),
                    })}
                    replyLabel={t("provider.yourReply")}
                  >
                    {mine?.refusal ? (
                      <p className="vc-field-error" role="alert">
                        {t(`refusals.${mine.refusal}`)}
                      </p>
                    ) : null}
                    {review.reply === null ? (
                      <Form method="post" className="vc-form vc-inline-form" noValidate>
                        <CsrfInput />
                        <input type="hidden" name="intent" value="reply" />
                        <input type="hidden" name="reviewId" value={review.id} />
                        <TextAreaField
                          id={fieldId}
                          name="body"
                          label={t("provider.replyLabel")}
                          hint={t("provider.replyHint", { max: MAX_REPLY_LENGTH })}
                          error={mine?.errors.body}
                          ns="review"
                          className="form-group mb-2"
                          rows={3}
                          maxLength={MAX_REPLY_LENGTH}
                          defaultValue={mine?.body ?? ""}
                        />
                        <button type="submit" className="btn btn-outline-primary btn-sm">
                          {t("provider.replySubmit")}
                        </button>
                      </Form>
                    ) : null}
                  </ReviewCard>
                </li>
              );
            })}
          </ul>
        )}
        <Pagination page={list.page} totalPages={totalPages} hrefFor={(p) => `/provider/reviews?page=${p}`} />
      </LabelledSection>
    </div>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation(["review", "common"]);
  return (
    <GeneralErrorBoundary
      statusPages={{
        403: { title: t("provider.forbidden.title"), text: t("provider.forbidden.text"), links: [{ to: "/provider", label: t("provider.back") }, { to: "/", label: t("common:errorPage.backHome") }] },
        404: { title: t("common:errorPage.notFoundTitle"), text: t("provider.notFound"), links: [{ to: "/provider/reviews", label: t("provider.title") }] },
      }}
    />
  );
}
