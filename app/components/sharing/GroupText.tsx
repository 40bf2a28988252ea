import { useTranslation } from "react-i18next";
import type { ScheduleSlot } from "~/domain/sharing/aggregation/types";
import { describeGroup, describeSlots, type GroupFacts } from "~/domain/sharing/describe-group";
import { formatMoney } from "~/i18n/format";

/** "3 famiglie a Loreto, da lunedì a venerdì 16:30–18:30: 6,20 €/ora per te invece di 11 €/ora da sola." */
export function GroupSentence({ facts }: { facts: GroupFacts }) {
  const { t, i18n } = useTranslation(["sharing", "booking", "common"]);
  return <>{describeGroup(t, facts, i18n.language)}</>;
}

export function SlotsText({ slots }: { slots: readonly ScheduleSlot[] }) {
  const { t, i18n } = useTranslation(["sharing", "booking", "common"]);
  return <>{describeSlots(t, slots, i18n.language)}</>;
}

export function Money({ cents, perHour = false }: { cents: number; perHour?: boolean }) {
  const { t, i18n } = useTranslation("sharing");
  const amount = formatMoney(cents, "EUR", i18n.language);
  return <>{perHour ? t("money.perHour", { amount }) : amount}</>;
}

/** A member as others see them: "Anna R.", or "a family" when no name can be shown. */
export function MemberName({ label, isMe }: { label: string | null; isMe?: boolean }) {
  const { t } = useTranslation("sharing");
  if (isMe) return <>{t("members.you")}</>;
  return <>{label ?? t("members.aFamily")}</>;
}

export function CategoryName({ slug }: { slug: string }) {
  const { t } = useTranslation("common");
  return <>{t(`categories.${slug}.name`, { defaultValue: slug })}</>;
}
