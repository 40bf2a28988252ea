import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { LabelledSection } from "~/components/LabelledSection";
import { CategoryName, Money, SlotsText } from "~/components/sharing/GroupText";
import { NeedForm } from "~/components/sharing/NeedForm";
import { SharingErrorBoundary } from "~/components/sharing/SharingErrorBoundary";
import { SharingNotice, SharingRefusal } from "~/components/sharing/SharingErrorSummary";
import { needRawFromForm, type FieldErrors, type NeedRaw } from "~/domain/sharing/need-schemas";
import { getNeed, needFormOptions, updateNeed, withdrawNeed } from "~/domain/sharing/needs.server";
import { isSharingError, type SharingErrorCode } from "~/domain/sharing/sharing-errors";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import sharingStyles from "~/styles/sharing.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "sharing", "booking"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: sharingStyles }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return forbiddenOnAuthorisationError(async () => {
    const need = await getNeed(context.db, user, params.id ?? "");
    if (!need) throw new Response(null, { status: 404 });
    const options = need.canEdit ? await needFormOptions(context.db, user, { onBehalf: need.viewer === "operator" }) : null;
    const t = await i18nServer.getFixedT(request, ["sharing", "common"]);
    const category = t(`common:categories.${need.categorySlug}.name`, { defaultValue: need.categorySlug });
    return { need, options, title: t("sharing:detail.title", { category }) };
  });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "robots", content: "noindex" },
];

type ActionData = { errors?: FieldErrors; values?: NeedRaw; refusal?: SharingErrorCode };

export async function action({ params, request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const id = params.id ?? "";
  const intent = String(formData.get("intent") ?? "");
  return forbiddenOnAuthorisationError(async () => {
    try {
      if (intent === "withdraw") {
        const done = await withdrawNeed(context.db, user, id);
        if (!done) throw new Response(null, { status: 404 });
        return redirect(`/needs/${id}?notice=withdrawn`, 303);
      }
      const raw = needRawFromForm(formData);
      const result = await updateNeed(context.db, user, id, raw);
      if (!result) throw new Response(null, { status: 404 });
      if (!result.ok) return data<ActionData>({ errors: result.errors, values: raw }, { status: 400 });
      return redirect(`/needs/${id}?notice=saved`, 303);
    } catch (error) {
      if (isSharingError(error)) return data<ActionData>({ refusal: error.code }, { status: 409 });
      throw error;
    }
  });
}

const notices = ["posted", "postedApproximate", "postedOnBehalf", "saved", "withdrawn"] as const;

export default function NeedPage() {
  const { need, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation(["sharing", "common"]);
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const notice = actionData ? undefined : notices.find((n) => n === searchParams.get("notice"));
  const inProposal = need.group && need.group.status === "proposed" && (need.group.memberStatus === "invited" || need.group.memberStatus === "accepted");
  const inLiveGroup = need.group && need.group.status !== "dissolved" && (need.group.memberStatus === "invited" || need.group.memberStatus === "accepted");
  const back = need.viewer === "operator" ? "/operator/needs" : "/needs";

  return (
    <div className="container py-5">
      <p>
        <Link to={back}>{need.viewer === "operator" ? t("page.backToOperator") : t("page.backToNeeds")}</Link>
      </p>
      <SharingNotice text={notice ? t(`notices.${notice}`) : null} />
      <SharingRefusal code={actionData?.refusal} />
      <h1>
        <CategoryName slug={need.categorySlug} />
      </h1>
      <p>
        <span className="vc-status-tag">{t(`needStatus.${need.status}`)}</span>
      </p>

      <div className="row g-4">
        <div className="col-12 col-lg-7">
          <LabelledSection headingId="facts-heading" heading={t("detail.factsHeading")}>
            <dl className="vc-facts">
              {need.onBehalf ? (
                <>
                  <dt>{t("detail.onBehalfOf")}</dt>
                  <dd>{need.onBehalf.name}</dd>
                  {need.onBehalf.contactNote ? (
                    <>
                      <dt>{t("detail.contactNote")}</dt>
                      <dd>{need.onBehalf.contactNote}</dd>
                    </>
                  ) : null}
                </>
              ) : null}
              <dt>{t("detail.when")}</dt>
              <dd>
                <SlotsText slots={need.schedule} />
              </dd>
              <dt>{t("detail.where")}</dt>
              <dd>
                {need.address} ({need.quartiereName})
                <span className="d-block vc-hint">
                  {need.approximateLocation ? t("detail.approximate", { quartiere: need.quartiereName }) : t("detail.located")}
                </span>
              </dd>
              {need.condominium ? (
                <>
                  <dt>{t("detail.condominium")}</dt>
                  <dd>
                    <Link to={`/condominiums/${need.condominium.id}`}>{need.condominium.name}</Link>
                  </dd>
                </>
              ) : null}
              <dt>{t("detail.persons")}</dt>
              <dd>
                {t("plural.persons", { count: need.persons })}
                {need.childrenAges.length > 0 ? ` · ${t("detail.ages", { ages: need.childrenAges.join(", ") })}` : ""}
              </dd>
              <dt>{t("detail.budget")}</dt>
              <dd>{need.budgetCents === null ? t("detail.noBudget") : <Money cents={need.budgetCents} perHour />}</dd>
              <dt>{t("detail.sharing")}</dt>
              <dd>{need.openToSharing ? t("detail.sharingYes", { metres: need.maxWalkM }) : t("detail.sharingNo")}</dd>
              {need.details ? (
                <>
                  <dt>{t("detail.details")}</dt>
                  <dd className="vc-prewrap">{need.details}</dd>
                </>
              ) : null}
            </dl>
          </LabelledSection>

          {need.canEdit && options ? (
            <LabelledSection headingId="edit-heading" heading={t("detail.editHeading")}>
              <NeedForm
                values={actionData?.values ?? need.raw}
                errors={actionData?.errors}
                quartieri={options.quartieri}
                municipi={options.municipi}
                condominiums={options.condominiums}
                submitting={navigation.state === "submitting"}
                submitLabel={t("detail.save")}
                cancelTo={back}
                onBehalf={need.viewer === "operator"}
                intent="save"
              />
            </LabelledSection>
          ) : null}
        </div>

        <aside className="col-12 col-lg-5" aria-label={t("detail.asideLabel")}>
          {inLiveGroup && need.group ? (
            <LabelledSection headingId="group-heading" heading={t("detail.groupHeading")}>
              <p>{t(`detail.inGroup.${need.group.status}`)}</p>
              {need.viewer === "family" ? (
                <Link to={`/groups/${need.group.id}`} className="btn btn-outline-primary">
                  {t("detail.openGroup")}
                </Link>
              ) : (
                <Link to={`/operator/groups/${need.group.id}`} className="btn btn-outline-primary">
                  {t("detail.openGroup")}
                </Link>
              )}
            </LabelledSection>
          ) : need.status === "open" ? (
            <LabelledSection headingId="group-heading" heading={t("detail.groupHeading")}>
              <p>{need.openToSharing ? t("detail.waiting") : t("detail.notSharing")}</p>
            </LabelledSection>
          ) : null}

          {need.canWithdraw ? (
            <LabelledSection headingId="withdraw-heading" heading={t("detail.withdrawHeading")}>
              <p>{inProposal ? t("detail.withdrawDeclines") : t("detail.withdrawHint")}</p>
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="intent" value="withdraw" />
                <button type="submit" className="btn btn-outline-danger" disabled={navigation.state === "submitting"}>
                  {t("detail.withdraw")}
                </button>
              </Form>
            </LabelledSection>
          ) : need.status === "open" && inLiveGroup ? (
            <p className="vc-hint">{t("detail.leaveFirst")}</p>
          ) : null}
        </aside>
      </div>
    </div>
  );
}

export { SharingErrorBoundary as ErrorBoundary };
