import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { DataTable } from "~/components/DataTable";
import { LabelledSection } from "~/components/LabelledSection";
import type { CondominiumMember } from "~/domain/sharing/condominiums/condominiums.server";
import { formatDate } from "~/i18n/format";

/** The members by name and unit (members only see this); administrators may remove others. */
export function MemberList({ members, isAdministrator }: { members: CondominiumMember[]; isAdministrator: boolean }) {
  const { t, i18n } = useTranslation("condominium");
  const columns = [t("members.name"), t("members.unit"), t("members.role"), t("members.since"), ...(isAdministrator ? [t("members.actions")] : [])];
  return (
    <LabelledSection headingId="members-heading" heading={`${t("members.heading")} (${members.length})`} className="mb-4">
      <DataTable caption={t("members.caption")} columns={columns} className="table">
        {members.map((m) => {
          const name = m.displayName ?? t("members.unnamed");
          return (
            <tr key={m.userId}>
              <th scope="row">
                {name} {m.isMe ? <span className="fw-normal">{t("members.you")}</span> : null}
              </th>
              <td>{m.unitLabel ?? t("members.noUnit")}</td>
              <td>{t(`roles.${m.role}`)}</td>
              <td>{formatDate(m.joinedAt, i18n.language)}</td>
              {isAdministrator ? (
                <td>
                  {m.isMe ? null : (
                    <Form method="post" className="d-inline">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="remove-member" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <button type="submit" className="btn btn-outline-danger btn-sm" aria-label={t("members.removeLabel", { name })}>
                        {t("members.remove")}
                      </button>
                    </Form>
                  )}
                </td>
              ) : null}
            </tr>
          );
        })}
      </DataTable>
    </LabelledSection>
  );
}
