import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { BookingErrorBoundary, bookingMeta } from "~/components/bookings/BookingErrorBoundary";
import { CsrfInput } from "~/components/CsrfInput";
import { TextAreaField } from "~/components/TextAreaField";
import { LabelledSection } from "~/components/LabelledSection";
import { RatingFieldset } from "~/components/reviews/RatingFieldset";
import { ReviewCard } from "~/components/reviews/ReviewCard";
import { UnshownErrors } from "~/components/UnshownErrors";
import { ratingAspects } from "~/domain/reviews/rating";
import { MAX_REVIEW_LENGTH, reviewInputFromForm, type ReviewFieldErrors, type ReviewRaw } from "~/domain/reviews/review-forms";
import { isReviewError, type ReviewErrorCode } from "~/domain/reviews/review-errors";
import { loadReviewPage, writeReview } from "~/domain/reviews/write-review.server";
import { i18nServer } from "~/i18n/i18next.server";
import conversationStyles from "~/styles/conversations.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "booking", "review"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: conversationStyles }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const page = await forbiddenOnAuthorisationError(() => loadReviewPage(context.db, user, params.id ?? ""));
  if (!page) throw new Response(null, { status: 404 });
  const t = await i18nServer.getFixedT(request, "review");
  return { page, title: t("write.title", { name: page.providerName }) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => bookingMeta(matches, error, data?.title);

type ActionData = { errors: ReviewFieldErrors; values: ReviewRaw; refusal?: ReviewErrorCode };

export async function action({ params, request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const bookingId = params.id ?? "";
  // Only the booking's family may review; the provider's side and everybody else are refused first.
  const page = await forbiddenOnAuthorisationError(() => loadReviewPage(context.db, user, bookingId));
  if (!page) throw new Response(null, { status: 404 });
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const raw = reviewInputFromForm(formData);
  try {
    const result = await forbiddenOnAuthorisationError(() => writeReview(context.db, user, { bookingId, raw }));
    if (!result) throw new Response(null, { status: 404 });
    if (!result.ok) return data<ActionData>({ errors: result.errors, values: raw }, { status: 400 });
  } catch (error) {
    if (!isReviewError(error)) throw error;
    return data<ActionData>({ errors: {}, values: raw, refusal: error.code }, { status: 409 });
  }
  return redirect(`/bookings/${bookingId}/review?done=1`, 303);
}

export default function WriteReviewPage() {
  const { page, title } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t, i18n } = useTranslation(["review", "common"]);
  const locale = i18n.language;
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const errors = actionData?.errors ?? {};
  const values = actionData?.values;
  const errorCount = Object.keys(errors).length;
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errorCount > 0) summaryRef.current?.focus();
  }, [actionData, errorCount]);

  return (
    <div className="container py-4">
      <p>
        <Link to={`/bookings/${page.bookingId}`}>{t("write.back")}</Link>
      </p>
      <h1 className="mb-2">{title}</h1>

      {searchParams.get("done") === "1" && page.state === "done" ? (
        <div className="vc-msg-notice" role="status">
          <p className="fw-semibold">{t("write.done")}</p>
        </div>
      ) : null}
      {actionData?.refusal ? (
        <div className="vc-msg-warning" role="alert">
          <p>{t(`refusals.${actionData.refusal}`)}</p>
        </div>
      ) : null}

      {/* A review sent when there is no form any more (already written, or not yet possible). */}
      <UnshownErrors ns="review" errors={page.state === "done" || page.state === "not_reviewable" ? Object.values(errors) : []} />
      {page.state === "done" && page.review ? (
        <LabelledSection headingId="own-review-heading" heading={t("write.yourReview")}>
          {searchParams.get("done") !== "1" ? <p>{t("write.alreadyDone")}</p> : null}
          <ReviewCard
            review={{ id: "own", categorySlug: page.categorySlug, ...page.review }}
            locale={locale}
            replyLabel={t("card.replyFrom", { name: page.providerName })}
          />
        </LabelledSection>
      ) : page.state === "not_reviewable" ? (
        <div className="vc-msg-info">
          <p>{t("write.notYet")}</p>
        </div>
      ) : (
        <>
          <p className="lead">{t("write.lead", { name: page.providerName })}</p>
          <p className="vc-hint">{t("write.publicNote")}</p>
          {errorCount > 0 ? (
            <div ref={summaryRef} tabIndex={-1} className="vc-error-summary" role="alert" aria-labelledby="review-errors-heading">
              <h2 id="review-errors-heading" className="h5">
                {t("write.errorSummary")}
              </h2>
              <ul className="mb-0">
                {Object.entries(errors).map(([field, key]) => (
                  <li key={field}>
                    <a href={field === "body" ? "#review-body" : `#${field}-1`}>
                      {field === "body" ? t("write.bodyLabel") : t(`aspects.${field}`)}: {t(key!)}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <Form method="post" className="vc-form vc-review-form" noValidate>
            <CsrfInput />
            {ratingAspects.map((aspect) => (
              <RatingFieldset key={aspect} aspect={aspect} value={values?.[aspect] ?? ""} error={errors[aspect]} />
            ))}
            <TextAreaField
              id="review-body"
              name="body"
              label={t("write.bodyLabel")}
              hint={t("write.bodyHint", { max: MAX_REVIEW_LENGTH })}
              error={errors.body}
              ns="review"
              className="form-group mb-3"
              rows={6}
              maxLength={MAX_REVIEW_LENGTH}
              defaultValue={values?.body ?? ""}
            />
            <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
              {t("write.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

export { BookingErrorBoundary as ErrorBoundary };
