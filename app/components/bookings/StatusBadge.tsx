import { useTranslation } from "react-i18next";
import type { BookingStatus } from "../../../db/schema";

const tone: Record<BookingStatus, string> = {
  requested: "waiting",
  counter_offered: "waiting",
  accepted: "waiting",
  confirmed: "good",
  in_progress: "good",
  completed: "done",
  reviewed: "done",
  declined: "ended",
  cancelled: "ended",
  no_show: "ended",
  expired: "ended",
};

/** A booking's status as a badge: text always, colour only as a hint. */
export function StatusBadge({ status }: { status: BookingStatus }) {
  const { t } = useTranslation("booking");
  return <span className={`vc-badge vc-status vc-status-${tone[status]}`}>{t(`status.${status}`)}</span>;
}
