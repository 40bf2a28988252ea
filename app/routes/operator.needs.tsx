import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/DataTable";
import { LabelledSection } from "~/components/LabelledSection";
import { OperatorErrorBoundary, operatorMeta } from "~/components/OperatorErrorBoundary";
import { CategoryName, Money, SlotsText } from "~/components/sharing/GroupText";
import { NeedForm } from "~/components/sharing/NeedForm";
import { emptyNeedRaw, needRawFromForm, type FieldErrors, type NeedRaw } from "~/domain/sharing/need-schemas";
import { needFormOptions, operatorNeedsPage, postNeedOnBehalf } from "~/domain/sharing/needs.server";
import { formatDate } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import operatorStyles from "~/styles/operator.css";
import sharingStyles from "~/styles/sharing.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "operator", "sharing", "booking"] };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: operatorStyles },
  { rel: "stylesheet", href: sharingStyles },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const raw = new URL(request.url).searchParams.get("quartiere");
  const quartiereId = raw && /^[1-9][0-9]{0,2}$/.test(raw) ? Number(raw) : null;
  return forbiddenOnAuthorisationError(async () => {
    const [page, options, t] = await Promise.all([
      operatorNeedsPage(context.db, user, { quartiereId }),
      needFormOptions(context.db, user, { onBehalf: true }),
      i18nServer.getFixedT(request, "sharing"),
    ]);
    const single = options.quartieri.length === 1 ? String(options.quartieri[0]!.id) : quartiereId ? String(quartiereId) : "";
    return { page, options, initial: emptyNeedRaw({ quartiereId: single, onBehalfOf: "", contactNote: "" }), title: t("operator.title") };
  });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, error }) => operatorMeta(matches, error, data?.title);

type ActionData = { errors: FieldErrors; values: NeedRaw };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const raw = needRawFromForm(formData);
  const result = await forbiddenOnAuthorisationError(() => postNeedOnBehalf(context.db, user, raw));
  if (!result.ok) return data<ActionData>({ errors: result.errors, values: raw }, { status: 400 });
  return redirect(`/needs/${result.needId}?notice=postedOnBehalf`, 303);
}

export default function OperatorNeeds() {
  const { page, options, initial } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t, i18n } = useTranslation(["sharing", "common"]);
  const navigation = useNavigation();

  return (
    <div className="container py-4">
      <p>
        <Link to="/operator">{t("operator.back")}</Link>
      </p>
      <h1>{t("operator.title")}</h1>
      <p className="lead">{t("operator.lead")}</p>

      {page.quartieri.length > 1 ? (
        <Form method="get" className="vc-form mb-4 d-flex flex-wrap gap-2 align-items-end">
          <div className="select-wrapper">
            <label htmlFor="quartiere-filter">{t("operator.filter")}</label>
            <select id="quartiere-filter" name="quartiere" defaultValue={page.quartiereId ? String(page.quartiereId) : ""}>
              <option value="">{t("operator.allQuartieri")}</option>
              {page.quartieri.map((q) => (
                <option key={q.id} value={String(q.id)}>
                  {q.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn btn-outline-primary">
            {t("operator.apply")}
          </button>
        </Form>
      ) : null}

      <LabelledSection headingId="groups-heading" heading={t("operator.groupsHeading")}>
        {page.groups.length === 0 ? (
          <p>{t("operator.noGroups")}</p>
        ) : (
          <DataTable
            caption={t("operator.groupsCaption")}
            columns={[t("operator.service"), t("operator.when"), t("operator.families"), t("operator.price"), t("operator.status")]}
          >
            {page.groups.map((g) => (
              <tr key={g.id}>
                <th scope="row">
                  <Link to={`/operator/groups/${g.id}`}>
                    <CategoryName slug={g.categorySlug} /> · {g.quartiereName}
                  </Link>
                </th>
                <td>
                  <SlotsText slots={g.schedule} />
                </td>
                <td>
                  {t("operator.acceptedOf", { accepted: g.accepted, families: g.families })}
                  {g.onBehalfInvited > 0 ? <span className="d-block vc-hint">{t("operator.deskToAnswer", { count: g.onBehalfInvited })}</span> : null}
                </td>
                <td>
                  <Money cents={g.hourlyTotalCents} perHour />
                </td>
                <td>
                  {t(`groupStatus.${g.status}`)}
                  {g.status === "formed" ? <span className="d-block vc-hint">{t("operator.offers", { count: g.offers })}</span> : null}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </LabelledSection>

      <LabelledSection headingId="needs-heading" heading={t("operator.needsHeading")}>
        {page.needs.length === 0 ? (
          <p>{t("operator.noNeeds")}</p>
        ) : (
          <DataTable caption={t("operator.needsCaption")} columns={[t("operator.service"), t("operator.when"), t("operator.quartiere"), t("operator.who"), t("operator.posted")]}>
            {page.needs.map((n) => (
              <tr key={n.id}>
                <th scope="row">
                  {n.onBehalfName ? (
                    <Link to={`/needs/${n.id}`}>
                      <CategoryName slug={n.categorySlug} />
                    </Link>
                  ) : (
                    <CategoryName slug={n.categorySlug} />
                  )}
                </th>
                <td>
                  <SlotsText slots={n.schedule} />
                </td>
                <td>{n.quartiereName}</td>
                <td>
                  {n.onBehalfName ? t("operator.atDesk", { name: n.onBehalfName }) : t("operator.familyAccount")}, {t("plural.persons", { count: n.persons })}
                  {n.inGroup ? <span className="d-block vc-hint">{t("operator.inProposal")}</span> : null}
                </td>
                <td>{formatDate(n.createdAt, i18n.language)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </LabelledSection>

      <LabelledSection headingId="behalf-heading" heading={t("operator.behalfHeading")}>
        <p>{t("operator.behalfLead")}</p>
        {options.quartieri.length === 0 ? (
          <p>{t("operator.noQuartieri")}</p>
        ) : (
          <NeedForm
            values={actionData?.values ?? initial}
            errors={actionData?.errors}
            quartieri={options.quartieri}
            municipi={options.municipi}
            condominiums={[]}
            submitting={navigation.state === "submitting"}
            submitLabel={t("operator.behalfSubmit")}
            cancelTo="/operator"
            onBehalf
          />
        )}
      </LabelledSection>
    </div>
  );
}

export { OperatorErrorBoundary as ErrorBoundary };
