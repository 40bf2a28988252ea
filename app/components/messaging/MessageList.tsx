import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { MessagePart } from "~/domain/messaging/mask-contact-details";
import { formatDateTime } from "~/components/bookings/format-time";
import { MessageBody } from "./MessageBody";

export interface ListedMessage {
  id: string;
  /** Who wrote it, as the reader should see it ("You", the provider's name, "A family"). */
  sender: string;
  /** Written by the reader's side (shown at the inline end, like a chat). */
  own: boolean;
  parts: MessagePart[];
  masked?: boolean;
  at: string;
}

/** The conversation, oldest first: an ordered list of messages, each with its sender and time. */
export function MessageList({ messages, locale, label, empty }: { messages: ListedMessage[]; locale: string; label: string; empty: ReactNode }) {
  const { t } = useTranslation("message");
  if (messages.length === 0) return <p className="vc-hint">{empty}</p>;
  return (
    <ol className="vc-messages" aria-label={label}>
      {messages.map((m, i) => (
        <li key={m.id} id={i === messages.length - 1 ? "latest" : undefined} className={`vc-message${m.own ? " vc-message-own" : ""}`}>
          <p className="vc-message-meta">
            <span className="fw-semibold">{m.sender}</span>
            {" · "}
            <time dateTime={m.at}>{formatDateTime(m.at, locale)}</time>
          </p>
          <MessageBody parts={m.parts} />
          {m.masked ? <p className="vc-hint mb-0">{t("thread.maskedMessage")}</p> : null}
        </li>
      ))}
    </ol>
  );
}
