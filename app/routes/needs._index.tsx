import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/DataTable";
import { LabelledSection } from "~/components/LabelledSection";
import { CategoryName, GroupSentence, SlotsText } from "~/components/sharing/GroupText";
import { SharingErrorBoundary } from "~/components/sharing/SharingErrorBoundary";
import { SharingNotice } from "~/components/sharing/SharingErrorSummary";
import { listMyNeeds } from "~/domain/sharing/needs.server";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import sharingStyles from "~/styles/sharing.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";

export const handle = { i18n: ["common", "sharing", "booking"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: sharingStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const mine = await forbiddenOnAuthorisationError(() => listMyNeeds(context.db, user));
  const t = await i18nServer.getFixedT(request, "sharing");
  return { ...mine, title: t("list.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "robots", content: "noindex" },
];

const notices = ["withdrawn", "declined"] as const;

export default function MyNeeds() {
  const { needs, groups } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["sharing", "common"]);
  const [searchParams] = useSearchParams();
  const notice = notices.find((n) => n === searchParams.get("notice"));
  const live = groups.filter((g) => g.status !== "dissolved" && (g.memberStatus === "invited" || g.memberStatus === "accepted"));
  const past = groups.filter((g) => !live.includes(g));

  return (
    <div className="container py-5">
      <h1>{t("list.title")}</h1>
      <p className="lead">{t("list.lead")}</p>
      <SharingNotice text={notice ? t(`notices.${notice}`) : null} />
      <p>
        <Link to="/needs/new" className="btn btn-primary">
          {t("list.new")}
        </Link>
      </p>

      <LabelledSection headingId="groups-heading" heading={t("list.groupsHeading")}>
        {live.length === 0 ? <p>{t("list.noGroups")}</p> : null}
        {live.map((g) => (
          <article key={g.id} className="vc-group-card" aria-labelledby={`group-${g.id}`}>
            <h3 id={`group-${g.id}`} className="h5">
              <Link to={`/groups/${g.id}`}>
                <CategoryName slug={g.categorySlug} /> · {t(`groupStatus.${g.status}`)}
              </Link>
            </h3>
            <p className="mb-1">
              <GroupSentence
                facts={{
                  families: g.families,
                  quartiereName: g.quartiereName,
                  schedule: g.schedule,
                  shareHourlyCents: g.shareHourlyCents,
                  individualHourlyCents: g.individualHourlyCents,
                }}
              />
            </p>
            <p className="mb-0 vc-hint">{t(`memberStatus.${g.memberStatus}`)}</p>
          </article>
        ))}
      </LabelledSection>

      <LabelledSection headingId="needs-heading" heading={t("list.needsHeading")}>
        {needs.length === 0 ? (
          <p>{t("list.noNeeds")}</p>
        ) : (
          <DataTable caption={t("list.needsCaption")} columns={[t("list.service"), t("list.when"), t("list.quartiere"), t("list.status")]} className="table">
            {needs.map((need) => (
              <tr key={need.id}>
                <th scope="row">
                  <Link to={`/needs/${need.id}`}>
                    <CategoryName slug={need.categorySlug} />
                  </Link>
                </th>
                <td>
                  <SlotsText slots={need.schedule} />
                </td>
                <td>{need.quartiereName}</td>
                <td>
                  {t(`needStatus.${need.status}`)}
                  {need.group && (need.group.memberStatus === "invited" || need.group.memberStatus === "accepted") && need.group.status !== "dissolved" ? (
                    <>
                      {" · "}
                      <Link to={`/groups/${need.group.id}`}>{t("list.seeGroup")}</Link>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </LabelledSection>

      {past.length > 0 ? (
        <LabelledSection headingId="past-heading" heading={t("list.pastHeading")}>
          <ul>
            {past.map((g) => (
              <li key={g.id}>
                <Link to={`/groups/${g.id}`}>
                  <CategoryName slug={g.categorySlug} /> · {g.quartiereName}
                </Link>{" "}
                — {t(`groupStatus.${g.status}`)}, {t(`memberStatus.${g.memberStatus}`)}
              </li>
            ))}
          </ul>
        </LabelledSection>
      ) : null}
    </div>
  );
}

export { SharingErrorBoundary as ErrorBoundary };
