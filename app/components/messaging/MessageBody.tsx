import { useTranslation } from "react-i18next";
import { REMOVED_MESSAGE_BODY } from "~/domain/accounts/erased-content";
import type { MessagePart } from "~/domain/messaging/mask-contact-details";

/**
 * A message's text as parts: what was written, and in place of a hidden contact detail a short
 * note saying what kind of detail it was. The writer's own words keep their language and
 * direction (dir="auto"); line breaks are kept by CSS.
 */
export function MessageBody({ parts }: { parts: MessagePart[] }) {
  const { t } = useTranslation("message");
  // The writer deleted their account: the row stays for the reader, its text does not.
  if (parts.length === 1 && "text" in parts[0]! && parts[0].text === REMOVED_MESSAGE_BODY) {
    return <p className="vc-message-body fst-italic">{t("thread.removed")}</p>;
  }
  return (
    <p className="vc-message-body" dir="auto">
      {parts.map((part, i) =>
        "text" in part ? (
          <span key={i}>{part.text}</span>
        ) : (
          <span key={i} className="vc-masked">
            {t(`thread.hidden.${part.hidden}`)}
          </span>
        ),
      )}
    </p>
  );
}
