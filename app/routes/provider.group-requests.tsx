import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { FieldError, errorAttributes, hintId } from "~/components/FieldError";
import { TextAreaField } from "~/components/TextAreaField";
import { CategoryName, Money, SlotsText } from "~/components/sharing/GroupText";
import { SharingErrorBoundary } from "~/components/sharing/SharingErrorBoundary";
import { SharingNotice, SharingRefusal } from "~/components/sharing/SharingErrorSummary";
import { listGroupRequests, makeOffer, OFFER_MESSAGE_MAX } from "~/domain/sharing/group-offers.server";
import type { FieldErrors } from "~/domain/sharing/need-schemas";
import { isSharingError, type SharingErrorCode } from "~/domain/sharing/sharing-errors";
import { formatNumber } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import sharingStyles from "~/styles/sharing.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "sharing", "booking"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: sharingStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const page = await forbiddenOnAuthorisationError(() => listGroupRequests(context.db, user));
  const t = await i18nServer.getFixedT(request, "sharing");
  return { page, title: t("requests.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "robots", content: "noindex" },
];

type ActionData = { key: string; errors?: FieldErrors; values?: { price: string; message: string }; refusal?: SharingErrorCode };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const field = (name: string) => String(formData.get(name) ?? "");
  // Ids in lower case, as the page renders them: an error must find its form (PostgreSQL takes either case).
  const input = { groupId: field("groupId").toLowerCase(), providerId: field("providerId").toLowerCase(), price: field("price"), message: field("message") };
  const key = `${input.groupId}:${input.providerId}`;
  return forbiddenOnAuthorisationError(async () => {
    try {
      const result = await makeOffer(context.db, user, input);
      if (!result) throw new Response(null, { status: 404 });
      if (!result.ok) return data<ActionData>({ key, errors: result.errors, values: { price: input.price, message: input.message } }, { status: 400 });
      return redirect(`/provider/group-requests?notice=offered#request-${input.groupId}`, 303);
    } catch (error) {
      if (isSharingError(error)) return data<ActionData>({ key, refusal: error.code }, { status: 409 });
      throw error;
    }
  });
}

export default function GroupRequests() {
  const { page } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t, i18n } = useTranslation(["sharing", "common"]);
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const notice = !actionData && searchParams.get("notice") === "offered" ? t("requests.offered") : null;

  return (
    <div className="container py-5">
      <p>
        <Link to="/provider">{t("requests.back")}</Link>
      </p>
      <h1>{t("requests.title")}</h1>
      <p className="lead">{t("requests.lead")}</p>
      <SharingNotice text={notice} />
      <SharingRefusal code={actionData?.refusal} />

      {page.waitingForVerification ? <p className="alert alert-info">{t("requests.waiting")}</p> : null}
      {!page.waitingForVerification && page.requests.length === 0 ? <p>{t("requests.none")}</p> : null}

      {page.requests.map((r) => (
        <article key={r.groupId} id={`request-${r.groupId}`} className="vc-group-card" aria-labelledby={`request-${r.groupId}-title`}>
          <h2 id={`request-${r.groupId}-title`} className="h4">
            <CategoryName slug={r.categorySlug} /> · {r.quartiereName}
          </h2>
          <dl className="vc-facts">
            <dt>{t("requests.when")}</dt>
            <dd>
              <SlotsText slots={r.schedule} />
              <span className="d-block vc-hint">
                {t("requests.weeklyHours", { hours: formatNumber(r.weeklyMinutes / 60, i18n.language, { maximumFractionDigits: 1 }) })}
              </span>
            </dd>
            <dt>{t("requests.who")}</dt>
            <dd>
              {t("plural.families", { count: r.families })}, {t("plural.persons", { count: r.persons })}
              {r.childrenAges.length > 0 ? ` · ${t("requests.ages", { ages: r.childrenAges.join(", ") })}` : ""}
            </dd>
            <dt>{t("requests.estimate")}</dt>
            <dd>
              <Money cents={r.estimatedHourlyCents} perHour />
            </dd>
          </dl>
          {r.providers.map((p) => {
            const key = `${r.groupId}:${p.providerId}`;
            const mine = actionData?.key === key ? actionData : undefined;
            const id = (name: string) => `${name}-${r.groupId}-${p.providerId}`;
            const priceError = mine?.errors?.price;
            const messageError = mine?.errors?.message;
            return (
              <Form method="post" noValidate className="vc-form mt-3" key={p.providerId} aria-label={t("requests.formLabel", { provider: p.providerName })}>
                <CsrfInput />
                <input type="hidden" name="groupId" value={r.groupId} />
                <input type="hidden" name="providerId" value={p.providerId} />
                {r.providers.length > 1 ? <p className="fw-semibold mb-1">{p.providerName}</p> : null}
                {p.offer ? (
                  <p className="vc-hint">
                    {t("requests.yourOffer", { status: t(`offerStatus.${p.offer.status}`) })} <Money cents={p.offer.hourlyTotalCents} perHour />
                  </p>
                ) : null}
                <div className="form-group">
                  <label htmlFor={id("price")}>{t("requests.price")}</label>
                  <input
                    id={id("price")}
                    name="price"
                    className="form-control"
                    inputMode="decimal"
                    autoComplete="off"
                    maxLength={12}
                    defaultValue={mine?.values?.price ?? (p.offer ? String(p.offer.hourlyTotalCents / 100).replace(".", ",") : "")}
                    {...errorAttributes(id("price"), priceError, [hintId(id("price"))])}
                  />
                  <p id={hintId(id("price"))} className="vc-hint">
                    {t("requests.priceHint", { families: r.families })}
                  </p>
                  <FieldError field={id("price")} messageKey={priceError} ns="sharing" />
                </div>
                <TextAreaField
                  id={id("message")}
                  name="message"
                  label={t("requests.message")}
                  error={messageError}
                  ns="sharing"
                  rows={3}
                  maxLength={OFFER_MESSAGE_MAX}
                  defaultValue={mine?.values?.message ?? p.offer?.message ?? ""}
                />
                <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
                  {p.offer ? t("requests.update") : t("requests.offer")}
                </button>
              </Form>
            );
          })}
        </article>
      ))}
    </div>
  );
}

export { SharingErrorBoundary as ErrorBoundary };
