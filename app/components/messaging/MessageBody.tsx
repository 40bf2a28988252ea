import { useTranslation } from "react-i18next";
import type { MessagePart } from "~/domain/messaging/mask-contact-details";

/**
 * A message's text as parts: what was written, and in place of a hidden contact detail a short
 * note saying what kind of detail it was. The writer's own words keep their language and
 * direction (dir="auto"); line breaks are kept by CSS.
 */
export function MessageBody({ parts }: { parts: MessagePart[] }) {
  const { t } = useTranslation("message");
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
