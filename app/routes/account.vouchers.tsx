import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { VoucherTable } from "~/components/payments/VoucherTable";
import { listFamilyVouchers } from "~/domain/payments/vouchers.server";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import { requireUser } from "~/utils/auth.server";

/** /account/vouchers — the signed-in person's own municipal vouchers and their balances. */
export const handle = { i18n: ["common", "payment"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const [vouchers, t] = await Promise.all([listFamilyVouchers(context.db, user.id), i18nServer.getFixedT(request, "payment")]);
  return { vouchers, title: t("meta.vouchersTitle") };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "robots", content: "noindex" },
];

export default function AccountVouchers() {
  const { vouchers } = useLoaderData<typeof loader>();
  const { t } = useTranslation("payment");
  return (
    <div className="container py-5">
      <div className="row">
        <div className="col-12 col-lg-9">
          <h1>{t("vouchers.heading")}</h1>
          <p className="lead">{t("vouchers.intro")}</p>
          <VoucherTable vouchers={vouchers} />
        </div>
      </div>
    </div>
  );
}
