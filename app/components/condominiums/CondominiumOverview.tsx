import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { LabelledSection } from "~/components/LabelledSection";
import type { CondominiumPage } from "~/domain/sharing/condominiums/condominiums.server";
import { formatNumber } from "~/i18n/format";

/** What the building is, and the viewer's place in it. */
export function CondominiumFacts({ page }: { page: Pick<CondominiumPage, "condominium" | "me"> }) {
  const { t, i18n } = useTranslation("condominium");
  const { condominium: c, me } = page;
  return (
    <LabelledSection headingId="facts-heading" heading={t("page.factsHeading")} className="mb-4">
      <dl className="vc-facts">
        <div>
          <dt>{t("page.address")}</dt>
          <dd>{c.address}</dd>
        </div>
        <div>
          <dt>{t("page.quartiere")}</dt>
          <dd>{c.quartiereName}</dd>
        </div>
        <div>
          <dt>{t("page.units")}</dt>
          <dd>{formatNumber(c.units, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t("page.yourRole")}</dt>
          <dd>{t(`roles.${me.role}`)}</dd>
        </div>
        <div>
          <dt>{t("page.yourUnit")}</dt>
          <dd>{me.unitLabel ?? t("page.noUnit")}</dd>
        </div>
      </dl>
      {c.approximateLocation ? <p className="vc-hint">{t("page.approximate", { quartiere: c.quartiereName })}</p> : null}
    </LabelledSection>
  );
}

/** The invite code for everyone; a fresh code for administrators (behind a disclosure, works without JS). */
export function InvitePanel({ condominiumId, inviteCode, isAdministrator }: { condominiumId: string; inviteCode: string; isAdministrator: boolean }) {
  const { t } = useTranslation("condominium");
  return (
    <LabelledSection headingId="invite-heading" heading={t("invite.heading")} className="mb-4">
      <p>{t("invite.text")}</p>
      <p>
        {t("invite.code")}:{" "}
        <strong className="vc-invite-code" data-testid="invite-code">
          {inviteCode}
        </strong>
      </p>
      <p>
        <Link to={`/condominiums/${condominiumId}/poster`} className="btn btn-outline-primary btn-sm">
          {t("invite.poster")}
        </Link>
      </p>
      {isAdministrator ? (
        <details className="mt-3">
          <summary>{t("invite.regenerateSummary")}</summary>
          <p className="mt-2">{t("invite.regenerateText")}</p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="regenerate-code" />
            <button type="submit" className="btn btn-outline-danger btn-sm">
              {t("invite.regenerate")}
            </button>
          </Form>
        </details>
      ) : null}
    </LabelledSection>
  );
}

/** Leaving, behind a disclosure so it is never one accidental click away. */
export function LeaveSection() {
  const { t } = useTranslation("condominium");
  return (
    <LabelledSection headingId="leave-heading" heading={t("leave.heading")} className="mb-4">
      <details>
        <summary>{t("leave.summary")}</summary>
        <p className="mt-2">{t("leave.text")}</p>
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="leave" />
          <button type="submit" className="btn btn-outline-danger">
            {t("leave.submit")}
          </button>
        </Form>
      </details>
    </LabelledSection>
  );
}
