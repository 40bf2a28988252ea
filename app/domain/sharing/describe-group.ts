import type { TFunction } from "i18next";
import { describeWeekdays, formatRange } from "../bookings/describe-schedule";
import { formatMoney } from "../../i18n/format";
import { scheduleSlots } from "./aggregation/time-windows";
import type { ScheduleSlot, WeeklyWindow } from "./aggregation/types";

/**
 * A group in words, in one language: shared by the pages and the e-mails (which pass a translator
 * of the recipient's language). `t` must resolve keys of "sharing", "booking" and "common" (they
 * are written with their namespace). Never a name or an address: the quartiere, the times, the
 * number of families and money only.
 */

export interface GroupFacts {
  families: number;
  quartiereName: string;
  schedule: ScheduleSlot[];
  /** What the reader pays per hour in the group, and what they would pay alone. */
  shareHourlyCents: number;
  individualHourlyCents: number;
  currency?: string;
}

/** "da lunedì a venerdì 16:30–18:30; sabato 09:00–12:00". */
export function describeSlots(t: TFunction, slots: readonly ScheduleSlot[], locale: string): string {
  return slots.map((slot) => `${describeWeekdays(t, slot.weekdays, locale)} ${formatRange(slot)}`).join("; ");
}

export function describeWindows(t: TFunction, windows: readonly WeeklyWindow[], locale: string): string {
  return describeSlots(t, scheduleSlots(windows), locale);
}

/** "3 famiglie a LORETO, da lunedì a venerdì 16:30–18:30: 6,20 €/ora per te invece di 11 €/ora da sola." */
export function describeGroup(t: TFunction, facts: GroupFacts, locale: string): string {
  const currency = facts.currency ?? "EUR";
  return t("sharing:summary.line", {
    families: t("sharing:plural.families", { count: facts.families }),
    quartiere: facts.quartiereName,
    schedule: describeSlots(t, facts.schedule, locale),
    share: formatMoney(facts.shareHourlyCents, currency, locale),
    alone: formatMoney(facts.individualHourlyCents, currency, locale),
  });
}

/**
 * How other members are named: first name and the initial of the last word ("Anna Rossi" →
 * "Anna R."). A name that looks like an e-mail address, or none, is never shown.
 */
export function shortName(displayName: string | null | undefined): string | null {
  const name = (displayName ?? "").trim();
  if (!name || name.includes("@")) return null;
  const words = name.split(/\s+/);
  if (words.length === 1) return words[0]!;
  const last = words[words.length - 1]!;
  return `${words[0]} ${Array.from(last)[0]!.toUpperCase()}.`;
}
