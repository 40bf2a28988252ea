import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { formatMoney } from "../../i18n/format";
import { getTranslator } from "../../i18n/translator.server";
import { enqueueEmail } from "../accounts/email-queue.server";
import { formatDay } from "../bookings/describe-schedule";
import { providerRecipients } from "../verification/notifications.server";
import { scheduleSlots } from "./aggregation/time-windows";
import { describeGroup, describeSlots } from "./describe-group";

/**
 * E-mails about shared groups. Texts live in the "sharing" namespace under `emails.<key>.subject`
 * and `.body`; each person gets them in their own language, with the group described in words
 * (quartiere, times, money; never another family's name or address). They are queued in the
 * caller's transaction, so an e-mail exists exactly when the change it announces does.
 */
export type SharingEmailKey =
  | "proposal"
  | "proposalOnBehalf"
  | "splitChanged"
  | "formed"
  | "dissolved"
  | "offer"
  | "booked"
  | "bookedProvider"
  | "leaving";

type MemberStatus = "invited" | "accepted" | "declined" | "left";

export interface MemberRecipient {
  needId: string;
  userId: string;
  email: string;
  locale: string;
  name: string;
  shareHourlyCents: number;
}

async function groupFacts(db: Kysely<Database>, groupId: string) {
  return db
    .selectFrom("shared_groups as g")
    .innerJoin("quartieri as q", "q.id", "g.quartiere_id")
    .innerJoin("service_categories as c", "c.id", "g.category_id")
    .select(["g.id", "g.shared_windows", "g.individual_hourly_cents", "g.hourly_total_cents", "q.name as quartiere_name", "c.slug"])
    .where("g.id", "=", groupId)
    .executeTakeFirst();
}

/** Members with an account (someone at a hub desk has none), in the given statuses. */
export async function memberRecipients(db: Kysely<Database>, groupId: string, statuses: readonly MemberStatus[]): Promise<MemberRecipient[]> {
  const rows = await db
    .selectFrom("shared_group_members as m")
    .innerJoin("users as u", "u.id", "m.family_user_id")
    .select(["m.need_id", "u.id", "u.email", "u.locale", "u.display_name", "m.share_hourly_cents"])
    .where("m.group_id", "=", groupId)
    .where("m.status", "in", [...statuses])
    .where("u.deleted_at", "is", null)
    .orderBy("m.need_id")
    .execute();
  return rows.map((r) => ({
    needId: r.need_id,
    userId: r.id,
    email: r.email,
    locale: r.locale,
    name: r.display_name ?? r.email,
    shareHourlyCents: r.share_hourly_cents,
  }));
}

/**
 * Tells members of a group about something, each with the group in words at their own share.
 * `params` adds texts per recipient (already in their language: it gets their translator).
 */
export async function notifyGroupMembers(
  db: Kysely<Database>,
  groupId: string,
  key: SharingEmailKey,
  options: {
    statuses?: readonly MemberStatus[];
    exceptUserIds?: readonly string[];
    onlyNeedIds?: readonly string[];
    params?: (recipient: MemberRecipient, t: Awaited<ReturnType<typeof getTranslator>>) => Record<string, string>;
  } = {},
): Promise<number> {
  const group = await groupFacts(db, groupId);
  if (!group) return 0;
  const recipients = (await memberRecipients(db, groupId, options.statuses ?? ["invited", "accepted"])).filter(
    (r) => !(options.exceptUserIds ?? []).includes(r.userId) && (!options.onlyNeedIds || options.onlyNeedIds.includes(r.needId)),
  );
  const families = await db
    .selectFrom("shared_group_members")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("group_id", "=", groupId)
    .where("status", "in", ["invited", "accepted"])
    .executeTakeFirstOrThrow();
  for (const recipient of recipients) {
    const t = await getTranslator(recipient.locale, ["sharing", "booking", "common"]);
    const schedule = scheduleSlots(group.shared_windows);
    await enqueueEmail(db, {
      to: recipient.email,
      locale: recipient.locale,
      template: { ns: "sharing", key: `emails.${key}` },
      params: {
        name: recipient.name,
        groupId: group.id,
        category: t(`common:categories.${group.slug}.name`, { defaultValue: group.slug }),
        quartiere: group.quartiere_name,
        schedule: describeSlots(t, schedule, recipient.locale),
        share: formatMoney(recipient.shareHourlyCents, "EUR", recipient.locale),
        summary: describeGroup(
          t,
          {
            families: Number(families.n),
            quartiereName: group.quartiere_name,
            schedule,
            shareHourlyCents: recipient.shareHourlyCents,
            individualHourlyCents: group.individual_hourly_cents,
          },
          recipient.locale,
        ),
        ...(options.params?.(recipient, t) ?? {}),
      },
    });
  }
  return recipients.length;
}

/** An operator who posted a need at a hub desk hears of the proposal for that person. */
export async function notifyOnBehalfCreators(db: Kysely<Database>, groupId: string): Promise<number> {
  const group = await groupFacts(db, groupId);
  if (!group) return 0;
  const rows = await db
    .selectFrom("shared_group_members as m")
    .innerJoin("needs as n", "n.id", "m.need_id")
    .innerJoin("users as u", "u.id", "n.created_by_user_id")
    .select(["u.email", "u.locale", "u.display_name"])
    .where("m.group_id", "=", groupId)
    .where("m.family_user_id", "is", null)
    .where("m.status", "=", "invited")
    .where("u.deleted_at", "is", null)
    .distinct()
    .execute();
  for (const row of rows) {
    const t = await getTranslator(row.locale, ["sharing", "booking", "common"]);
    await enqueueEmail(db, {
      to: row.email,
      locale: row.locale,
      template: { ns: "sharing", key: "emails.proposalOnBehalf" },
      params: {
        name: row.display_name ?? row.email,
        groupId: group.id,
        category: t(`common:categories.${group.slug}.name`, { defaultValue: group.slug }),
        quartiere: group.quartiere_name,
        schedule: describeSlots(t, scheduleSlots(group.shared_windows), row.locale),
      },
    });
  }
  return rows.length;
}

/** The provider's people hear that a group booked their offer. */
export async function notifyProviderOfGroupBooking(
  db: Kysely<Database>,
  input: { groupId: string; providerId: string; bookingId: string; totalCents: number; firstDate: string; lastDate: string },
): Promise<number> {
  const group = await groupFacts(db, input.groupId);
  if (!group) return 0;
  const recipients = await providerRecipients(db, input.providerId);
  for (const recipient of recipients) {
    const t = await getTranslator(recipient.locale, ["sharing", "booking", "common"]);
    await enqueueEmail(db, {
      to: recipient.email,
      locale: recipient.locale,
      template: { ns: "sharing", key: "emails.bookedProvider" },
      params: {
        name: recipient.name,
        bookingId: input.bookingId,
        category: t(`common:categories.${group.slug}.name`, { defaultValue: group.slug }),
        quartiere: group.quartiere_name,
        schedule: describeSlots(t, scheduleSlots(group.shared_windows), recipient.locale),
        total: formatMoney(input.totalCents, "EUR", recipient.locale),
        from: formatDay(input.firstDate, recipient.locale),
        to: formatDay(input.lastDate, recipient.locale),
      },
    });
  }
  return recipients.length;
}
