import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { TextAreaField } from "~/components/TextAreaField";
import { LabelledSection } from "~/components/LabelledSection";
import type { Notice } from "~/domain/sharing/condominiums/notice-board.server";
import { NOTICE_MAX } from "~/domain/sharing/condominiums/schemas";
import { formatDateTime } from "./format";

/**
 * The notice board: a form to post (keeps the text after an error, empties after a post: the
 * form gets a new key), then the notices, newest first, each with its author and date.
 */
export function NoticeBoard({
  notices,
  error,
  draft,
  formKey,
  submitting,
}: {
  notices: Notice[];
  error?: string;
  draft?: string;
  formKey: string;
  submitting: boolean;
}) {
  const { t, i18n } = useTranslation("condominium");
  return (
    <LabelledSection headingId="board-heading" heading={t("board.heading")} className="mb-4">
      <Form key={formKey} method="post" noValidate className="vc-form mb-4">
        <CsrfInput />
        <input type="hidden" name="intent" value="post" />
        <TextAreaField
          id="body"
          name="body"
          label={t("board.label")}
          hint={t("board.hint")}
          error={error}
          ns="condominium"
          rows={4}
          maxLength={NOTICE_MAX}
          required
          defaultValue={draft}
        />
        <button type="submit" className="btn btn-primary btn-sm" disabled={submitting}>
          {t("board.submit")}
        </button>
      </Form>

      {notices.length === 0 ? (
        <p>{t("board.none")}</p>
      ) : (
        <ol className="list-unstyled vc-notices" aria-label={t("board.listLabel")}>
          {notices.map((n) => {
            const name = n.authorGone ? t("board.formerMember") : (n.authorName ?? t("members.unnamed"));
            const date = formatDateTime(n.createdAt, i18n.language);
            return (
              <li key={n.id} className="vc-notice mb-3">
                <article>
                  <p className="vc-pre-line mb-2" dir="auto">
                    {n.body}
                  </p>
                  <div className="vc-hint">
                    {t("board.posted", { name, date })}
                    {n.canHide ? (
                      <Form method="post" className="d-inline ms-3">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="hide-post" />
                        <input type="hidden" name="postId" value={n.id} />
                        <button type="submit" className="btn btn-link btn-sm p-0 align-baseline" aria-label={t("board.hideLabel", { name, date })}>
                          {t("board.hide")}
                        </button>
                      </Form>
                    ) : null}
                  </div>
                </article>
              </li>
            );
          })}
        </ol>
      )}
    </LabelledSection>
  );
}
