import { useTranslation } from "react-i18next";
import type { BookingHistoryEntry } from "~/domain/bookings/booking-detail.server";
import { formatDateTime } from "./format-time";

/** Every recorded transition, oldest first: what happened, who did it, when, and a person's reason. */
export function BookingHistory({ history, names }: { history: BookingHistoryEntry[]; names: { family: string; provider: string } }) {
  const { t, i18n } = useTranslation("booking");
  return (
    <ol className="vc-history">
      {history.map((h) => {
        const who = h.byMe ? t("history.you") : h.actorRole === "family" || h.actorRole === "provider" ? names[h.actorRole] : t(`history.actor.${h.actorRole}`);
        return (
          <li key={h.id}>
            <p className="mb-0 fw-semibold">{t(`history.action.${h.action}`, { defaultValue: h.action })}</p>
            <p className="mb-0 vc-hint">
              {t("history.byWhen", { who, when: formatDateTime(h.at, i18n.language) })}
              {" · "}
              {t(`status.${h.toStatus}`)}
            </p>
            {h.note ? <p className="mb-0">{t("history.note", { note: h.note })}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
