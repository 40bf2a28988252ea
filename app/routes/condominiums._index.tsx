import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/DataTable";
import { LabelledSection } from "~/components/LabelledSection";
import condominiumStyles from "~/components/condominiums/condominiums.css";
import { CondominiumErrorBoundary } from "~/components/condominiums/CondominiumErrorBoundary";
import { NoticeBanner } from "~/components/condominiums/ErrorSummary";
import { JoinForm } from "~/components/condominiums/JoinForm";
import { listMyCondominiums } from "~/domain/sharing/condominiums/condominiums.server";
import { formatNumber } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import { requireUser } from "~/utils/auth.server";

export const handle = { i18n: ["common", "condominium", "auth"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: condominiumStyles }];

const notices = ["left", "leftDeleted"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const [condominiums, t] = await Promise.all([listMyCondominiums(context.db, user), i18nServer.getFixedT(request, "condominium")]);
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    title: t("meta.index"),
    condominiums,
    notice: notices.find((n) => n === notice) ?? null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "robots", content: "noindex" },
];

export default function MyCondominiums() {
  const { condominiums, notice } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("condominium");
  const navigation = useNavigation();

  return (
    <div className="container py-5">
      <div className="row">
        <div className="col-12 col-lg-9">
          <h1>{t("index.heading")}</h1>
          <p className="lead">{t("index.lead")}</p>
          <NoticeBanner text={notice ? t(`notices.${notice}`) : null} />

          <LabelledSection headingId="mine-heading" heading={t("index.mineHeading")} className="mb-5">
            {condominiums.length === 0 ? (
              <p>{t("index.none")}</p>
            ) : (
              <DataTable caption={t("index.caption")} columns={[t("index.name"), t("index.quartiere"), t("index.role"), t("index.members")]} className="table">
                {condominiums.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/condominiums/${c.id}`}>{c.name}</Link>
                      <span className="d-block fw-normal vc-hint">{c.address}</span>
                    </th>
                    <td>{c.quartiereName}</td>
                    <td>{t(`roles.${c.role}`)}</td>
                    <td>{formatNumber(c.memberCount, i18n.language)}</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </LabelledSection>

          <div className="row g-4">
            <div className="col-12 col-md-6">
              <LabelledSection headingId="join-heading" heading={t("index.joinHeading")} headingClassName="h4">
                <p>{t("index.joinText")}</p>
                <JoinForm idPrefix="join-" submitting={navigation.state === "submitting"} />
              </LabelledSection>
            </div>
            <div className="col-12 col-md-6">
              <LabelledSection headingId="create-heading" heading={t("index.createHeading")} headingClassName="h4">
                <p>{t("index.createText")}</p>
                <Link to="/condominiums/new" className="btn btn-outline-primary">
                  {t("index.createLink")}
                </Link>
              </LabelledSection>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}

export { CondominiumErrorBoundary as ErrorBoundary };
